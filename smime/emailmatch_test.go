package smime

import "testing"

func TestSameMailbox(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"alice@example.com", "alice@EXAMPLE.com", true},
		{"alice@example.com", "Alice@example.com", false}, // the local part is never case-folded
		{"医生@大学.example.com", "医生@xn--pss25c.example.com", true},
		{"医生@XN--PSS25C.example.com", "医生@xn--pss25c.example.com", true},
		{"a@b@example.com", "a@b@example.com", true},
		{"alice", "alice", false},
		{"alice@example.com", "alice@example.org", false},
	}
	for _, tt := range tests {
		if got := sameMailbox(tt.a, tt.b); got != tt.want {
			t.Errorf("sameMailbox(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
