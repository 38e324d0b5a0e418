package smime

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"
)

// smallPrimes are the primes below 752 (SBR §6.1.6).
var smallPrimes = func() []uint64 {
	var ps []uint64
	for n := uint64(2); n < 752; n++ {
		if big.NewInt(int64(n)).ProbablyPrime(0) {
			ps = append(ps, n)
		}
	}
	return ps
}()

// smallPrimeTree reduces a modulus by every small prime in one pass.
var smallPrimeTree = newModGroups(smallPrimes)

// CheckModulus reports the first of the SBR §6.1.6 SHOULDs that the RSA
// modulus n breaks: odd, no factor smaller than 752, not a prime power.
func CheckModulus(n *big.Int) error {
	if n.Sign() <= 0 {
		return fmt.Errorf("is not positive")
	}
	if n.Bit(0) == 0 {
		return fmt.Errorf("is even")
	}
	var buf [256]uint64 // 132 primes below 752
	rems := smallPrimeTree.remainders(n, buf[:0], len(smallPrimes))
	for i, r := range rems {
		if r == 0 {
			return fmt.Errorf("has the factor %d, smaller than 752", smallPrimes[i])
		}
	}
	if k, ok := perfectPower(n, rems); ok {
		return fmt.Errorf("is a perfect %d-th power", k)
	}
	return nil
}

// powerTests holds, for each prime k up to maxPowerK, a few primes m ≡ 1
// (mod k). A k-th power is a k-th power residue modulo each m, which only
// one residue in k is, so these cheap tests rule out almost every k before
// a root is taken.
var powerTests = func() map[int][]uint64 {
	t := map[int][]uint64{}
	for k := 2; k <= maxPowerK; k++ {
		if !big.NewInt(int64(k)).ProbablyPrime(0) {
			continue
		}
		// m = 2kj + 1 > 752, so m ≡ 1 (mod k) and m is no small factor.
		for m := uint64(2*k*(752/(2*k)+1) + 1); len(t[k]) < 6; m += uint64(2 * k) {
			if new(big.Int).SetUint64(m).ProbablyPrime(0) {
				t[k] = append(t[k], m)
			}
		}
	}
	return t
}()

// maxPowerK bounds the exponents tried: with no factor below 752, b > 751,
// so k < bitlen/9.5, and moduli are at most 16384 bits in practice.
const maxPowerK = 16384/9 + 1

// powerKs are the prime exponents of powerTests, ascending. smallTests[i]
// are the indices in smallPrimes of up to maxSmallTests primes m ≡ 1
// (mod powerKs[i]): n's residues modulo them are known from the factor
// check, so these tests cost no further reduction of n. The exponents with
// fewer than minSmallTests such primes are tested with their powerTests
// moduli instead: firstTree reduces n modulo the first of each in one pass,
// and treeBefore[i] counts those exponents among powerKs[:i].
var powerKs, smallTests, firstTree, treeBefore = func() ([]int, [][]int, modGroups, []int) {
	var ks []int
	var small [][]int
	var ms []uint64
	var before []int
	for k := 2; k <= maxPowerK; k++ {
		m, ok := powerTests[k]
		if !ok {
			continue
		}
		var idx []int
		for i, p := range smallPrimes {
			if p%uint64(k) == 1 && len(idx) < maxSmallTests {
				idx = append(idx, i)
			}
		}
		before = append(before, len(ms))
		if len(idx) < minSmallTests {
			idx = nil
			ms = append(ms, m[0])
		}
		ks = append(ks, k)
		small = append(small, idx)
	}
	return ks, small, newModGroups(ms), append(before, len(ms))
}()

// Bounds on the small-prime tests of an exponent k: each rejects a non-power
// with probability 1 - 1/k, so a few suffice, and fewer than two leave too
// many roots to take.
const (
	minSmallTests = 2
	maxSmallTests = 8
)

// perfectPower reports whether n = b^k for some b and prime k ≥ 2; a prime
// power p^j is also a perfect k-th power for each prime k dividing j. rems
// are n's residues modulo smallPrimes, none of them zero.
func perfectPower(n *big.Int, rems []uint64) (int, bool) {
	maxK := min(n.BitLen()/9+1, maxPowerK)
	count := 0
	for count < len(powerKs) && powerKs[count] <= maxK {
		count++
	}
	var buf [512]uint64
	first := firstTree.remainders(n, buf[:0], treeBefore[count])
	mod := new(big.Int)
	for i, k := range powerKs[:count] {
		if tests := smallTests[i]; tests != nil {
			if !smallResidues(rems, tests, k) {
				continue // the usual case: a test fails
			}
		} else {
			ms := powerTests[k]
			if r := first[treeBefore[i]]; r != 0 && powMod(r, (ms[0]-1)/uint64(k), ms[0]) != 1 {
				continue // the usual case: not even a residue modulo the first m
			}
			if !powerResidues(n, k, ms[1:], mod) {
				continue
			}
		}
		r := nthRoot(n, k)
		if new(big.Int).Exp(r, big.NewInt(int64(k)), nil).Cmp(n) == 0 {
			return k, true
		}
	}
	return 0, false
}

// smallResidues reports whether n, whose residues modulo smallPrimes are
// rems, is a k-th power residue modulo each small prime of tests (Euler's
// criterion: r^((m-1)/k) ≡ 1 (mod m) for m ≡ 1 (mod k), r ≠ 0).
func smallResidues(rems []uint64, tests []int, k int) bool {
	for _, i := range tests {
		m := smallPrimes[i]
		if powMod(rems[i], (m-1)/uint64(k), m) != 1 {
			return false
		}
	}
	return true
}

// modGroups packs small moduli into groups whose product P is below 2^32
// and keeps 2^(32j) and 2^(64j) mod P for each group, so that n mod P is a
// sum of word × (below 2^32) products and a single division: reducing a 2048-bit n modulo
// a hundred small numbers costs a few microseconds and no allocation.
type modGroups []modGroup

type modGroup struct {
	prod  uint64
	ms    []uint64
	pow   []uint64 // pow[j] = 2^(32j) mod prod
	pow64 []uint64 // pow64[j] = 2^(64j) mod prod, for 64-bit words
}

// maxModBits bounds the size of n that modGroups reduce in one pass;
// larger values fall back to math/big.
const maxModBits = 16384

func newModGroups(ms []uint64) modGroups {
	var gs modGroups
	for _, m := range ms {
		if n := len(gs); n == 0 || gs[n-1].prod*m >= 1<<32 {
			gs = append(gs, modGroup{prod: 1})
		}
		g := &gs[len(gs)-1]
		g.prod *= m
		g.ms = append(g.ms, m)
	}
	for i := range gs {
		g := &gs[i]
		g.pow = make([]uint64, maxModBits/32)
		p := uint64(1) % g.prod
		for j := range g.pow {
			g.pow[j] = p
			p = (p << 32) % g.prod
		}
		g.pow64 = make([]uint64, maxModBits/64)
		for j := range g.pow64 {
			g.pow64[j] = g.pow[2*j]
		}
	}
	return gs
}

// remainders appends n mod each modulus, in order, stopping once it has
// appended at least limit values; n is non-negative.
func (gs modGroups) remainders(n *big.Int, out []uint64, limit int) []uint64 {
	start := len(out)
	if n.BitLen() > maxModBits {
		var m, r big.Int
		for _, g := range gs {
			for _, q := range g.ms {
				out = append(out, r.Mod(n, m.SetUint64(q)).Uint64())
			}
			if len(out)-start >= limit {
				break
			}
		}
		return out
	}
	words := n.Bits()
	for _, g := range gs {
		if len(out)-start >= limit {
			break
		}
		var hi, lo, carry uint64
		if bits.UintSize == 64 {
			// A 64-bit word times 2^(64j) mod P (below 2^32) is below 2^96,
			// and a 16384-bit n sums 256 of them: (hi, lo) holds the sum.
			for j, w := range words {
				ph, pl := bits.Mul64(uint64(w), g.pow64[j])
				lo, carry = bits.Add64(lo, pl, 0)
				hi += ph + carry
			}
		} else {
			j := 0
			for _, w := range words {
				for k := 0; k < bits.UintSize; k += 32 {
					lo, carry = bits.Add64(lo, uint64(w>>k&0xffffffff)*g.pow[j], 0)
					hi += carry
					j++
				}
			}
		}
		r := bits.Rem64(hi, lo, g.prod) // Rem64 takes hi ≥ prod
		for _, m := range g.ms {
			out = append(out, r%m)
		}
	}
	return out
}

// powerResidues reports whether n is a k-th power residue (or zero) modulo
// every m of ms.
func powerResidues(n *big.Int, k int, ms []uint64, mod *big.Int) bool {
	var divisor big.Int
	for _, m := range ms {
		r := mod.Mod(n, divisor.SetUint64(m)).Uint64()
		if r != 0 && powMod(r, (m-1)/uint64(k), m) != 1 {
			return false
		}
	}
	return true
}

// powMod returns b^e mod m for m < 2^32.
func powMod(b, e, m uint64) uint64 {
	r := uint64(1)
	for b %= m; e > 0; e >>= 1 {
		if e&1 == 1 {
			r = r * b % m
		}
		b = b * b % m
	}
	return r
}

// nthRoot returns ⌊n^(1/k)⌋ by Newton's method from an upper bound.
func nthRoot(n *big.Int, k int) *big.Int {
	if k == 2 {
		return new(big.Int).Sqrt(n)
	}
	bk := big.NewInt(int64(k))
	km1 := big.NewInt(int64(k - 1))
	x := rootUpperBound(n, k)
	if new(big.Int).Exp(x, bk, nil).Cmp(n) < 0 { // cannot happen; stay correct
		x.Lsh(big.NewInt(1), uint(n.BitLen()/k+1))
	}
	for {
		// y = ((k-1)x + n / x^(k-1)) / k
		y := new(big.Int).Exp(x, km1, nil)
		y.Quo(n, y)
		y.Add(y, new(big.Int).Mul(km1, x))
		y.Quo(y, bk)
		if y.Cmp(x) >= 0 {
			return x
		}
		x = y
	}
}

// rootUpperBound returns an upper bound of n^(1/k), n > 0, within about
// 2^-20 of it, from a float64 estimate of log2 n. Newton's method then
// converges in a few steps: from the power of two above the root, as
// before, it first crept down by a factor (k-1)/k a step, about k steps of
// k-th powers of n's size, and a modulus p^1021 of 128 KiB took 7 s.
func rootUpperBound(n *big.Int, k int) *big.Int {
	shift := max(n.BitLen()-64, 0)
	top := new(big.Int).Rsh(n, uint(shift)).Uint64()
	l := (math.Log2(float64(top)) + float64(shift)) / float64(k) // log2 of the root
	whole := math.Floor(l)
	x := new(big.Int).SetUint64(uint64(math.Exp2(l-whole) * (1 << 52))) // 53 significant bits
	if e := int(whole) - 52; e >= 0 {
		x.Lsh(x, uint(e))
	} else {
		x.Rsh(x, uint(-e))
	}
	x.Add(x, new(big.Int).Rsh(x, 20)) // the float64 error is far below 2^-20
	return x.Add(x, big.NewInt(1))
}
