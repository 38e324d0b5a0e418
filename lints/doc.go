// Package lints holds the zlint-smime lints, one per file, each registered in
// zlint's global registry by its init function. Importing the package for its
// side effects is all a zlint user needs:
//
//	import _ "github.com/smimelint/zlint-smime/lints"
//
// Every lint is named <e|w|n>_smimelint_<rule>, so that no upstream zlint
// lint, present or future, can collide with one of ours (see NameRule).
package lints
