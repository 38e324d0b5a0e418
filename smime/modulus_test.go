package smime

import (
	"crypto/rand"
	"crypto/rsa"
	"math/big"
	"strconv"
	"strings"
	"testing"
)

func TestCheckModulus(t *testing.T) {
	p, _ := new(big.Int).SetString("170141183460469231731687303715884105727", 10) // 2^127 - 1
	q, _ := new(big.Int).SetString("618970019642690137449562111", 10)             // 2^89 - 1
	pq := new(big.Int).Mul(p, q)
	tests := []struct {
		name string
		n    *big.Int
		want string
	}{
		{"product of two large primes", pq, ""},
		{"even", new(big.Int).Lsh(pq, 1), "even"},
		{"factor 751", new(big.Int).Mul(pq, big.NewInt(751)), "factor 751"},
		{"prime square", new(big.Int).Mul(p, p), "perfect 2-th power"},
		{"prime cube", new(big.Int).Exp(q, big.NewInt(3), nil), "perfect 3-th power"},
		{"prime to the 7th", new(big.Int).Exp(q, big.NewInt(7), nil), "perfect 7-th power"},
		{"zero", big.NewInt(0), "not positive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckModulus(tt.n)
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Fatalf("CheckModulus = %v, want %q", err, tt.want)
			}
		})
	}
}

func BenchmarkCheckModulus2048(b *testing.B) {
	// A real 2048-bit modulus has no small factor: the worst case, every
	// root is taken.
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		b.Fatal(err)
	}
	n := key.N
	for b.Loop() {
		_ = CheckModulus(n)
	}
}

// TestCheckModulusPowers checks every prime exponent the small-prime and
// tree tests handle, on powers of a prime above 752, and that products of
// such powers, which are no perfect powers, pass.
func TestCheckModulusPowers(t *testing.T) {
	b := new(big.Int).Lsh(big.NewInt(1), 40)
	for !b.ProbablyPrime(20) {
		b.Add(b, big.NewInt(1))
	}
	c := new(big.Int).Add(b, big.NewInt(2))
	for !c.ProbablyPrime(20) {
		c.Add(c, big.NewInt(2))
	}
	for _, k := range powerKs {
		if k > 300 {
			break
		}
		n := new(big.Int).Exp(b, big.NewInt(int64(k)), nil)
		if err := CheckModulus(n); err == nil || !strings.Contains(err.Error(), "perfect "+strconv.Itoa(k)+"-th power") {
			t.Errorf("b^%d: CheckModulus = %v, want a perfect %d-th power", k, err, k)
		}
		// b^k × c is no perfect power.
		if err := CheckModulus(n.Mul(n, c)); err != nil {
			t.Errorf("b^%d × c: CheckModulus = %v, want nil", k, err)
		}
	}
}

// TestRemainders compares the grouped reduction with math/big on values of
// every size up to maxModBits and beyond, where it falls back to math/big.
func TestRemainders(t *testing.T) {
	for _, size := range []uint{1, 63, 64, 65, 2048, 4095, 8192, maxModBits, maxModBits + 64} {
		n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), size))
		if err != nil {
			t.Fatal(err)
		}
		n.SetBit(n, int(size)-1, 1)
		got := smallPrimeTree.remainders(n, nil, len(smallPrimes))
		for i, p := range smallPrimes {
			if want := new(big.Int).Mod(n, new(big.Int).SetUint64(p)).Uint64(); got[i] != want {
				t.Fatalf("%d bits: n mod %d = %d, want %d", size, p, got[i], want)
			}
		}
	}
}
