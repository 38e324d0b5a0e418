package util

// FirstNonASCII returns the offset of the first octet above 0x7F in b, or -1.
func FirstNonASCII(b []byte) int {
	for i, c := range b {
		if c > 0x7f {
			return i
		}
	}
	return -1
}
