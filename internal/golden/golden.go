// Package golden holds the -update flag shared by every test package, so that
// "go test ./... -update" is accepted by each test binary and rewrites the
// golden files of the packages that have them. A test package without golden
// files still imports it, blank, for the flag.
package golden

import "flag"

// Update is set by "go test ./... -update": golden tests rewrite their files
// instead of comparing against them.
var Update = flag.Bool("update", false, "rewrite golden files instead of comparing against them")
