package smime

import (
	"crypto/rand"
	"crypto/rsa"
	"math/big"
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
