package lints

import (
	"regexp"
	"sort"

	"github.com/zmap/zlint/v3/lint"
	// The recommended profile names upstream's S/MIME lints, so they must be
	// registered wherever the profile is.
	_ "github.com/zmap/zlint/v3/lints/cabf_smime_br"
)

// NameRule is the naming rule of the library's lints: a severity prefix that
// matches the only non-pass status the lint returns, then the project tag
// "smimelint", which upstream zlint never uses, then the rule.
var NameRule = regexp.MustCompile(`^[enw]_smimelint_[a-z0-9_]+$`)

// ProfileName is the name of the zlint profile holding the recommended set
// (zlint -profile smimelint_recommended).
const ProfileName = "smimelint_recommended"

// Superseded lists the upstream lints that the recommended set leaves out
// because a lint of this library enforces the same rule correctly, with the
// reason and the citation.
var Superseded = map[string]string{
	"e_legacy_generation_deprecated": "replaced by e_smimelint_legacy_generation_subscriber: SBR v1.0.16 " +
		"§7.1.6.1 bans the Legacy profiles for S/MIME Subscriber Certificates only, and §7.1.6.3 lets " +
		"subordinate CA certificates carry reserved policy identifiers; the upstream lint also errors " +
		"on subordinate CA certificates with a Legacy policy",
	"e_smime_strict_eku_check": "replaced by e_smimelint_strict_eku: SBR v1.0.16 §7.1.2.3(f) forbids " +
		"every KeyPurposeId other than id-kp-emailProtection in Strict; the upstream lint ignores the ones " +
		"zcrypto does not know (c.UnknownExtKeyUsage, e.g. id-kp-documentSigning) and gives no details",
}

// Ours returns the names of the library's lints, sorted.
func Ours() []string {
	var names []string
	for _, l := range lint.GlobalRegistry().CertificateLints().Lints() {
		if NameRule.MatchString(l.Name) {
			names = append(names, l.Name)
		}
	}
	sort.Strings(names)
	return names
}

// Recommended returns the names of the recommended set, sorted: every
// registered CABF_SMIME_BR lint (upstream's and ours) except the Superseded
// ones.
func Recommended() []string {
	var names []string
	for _, l := range lint.GlobalRegistry().CertificateLints().BySource(lint.CABFSMIMEBaselineRequirements) {
		if _, gone := Superseded[l.Name]; !gone {
			names = append(names, l.Name)
		}
	}
	sort.Strings(names)
	return names
}

// init registers the profile. Go runs a package's init functions in file-name
// order, so this file must sort after every lint_*.go file; a test checks that
// the profile holds every lint of the library.
func init() {
	lint.RegisterProfile(lint.Profile{
		Name: ProfileName,
		Description: "zlint-smime's recommended S/MIME set: upstream zlint's CABF_SMIME_BR lints " +
			"and zlint-smime's, without the upstream lints that zlint-smime supersedes",
		Citation:  "CA/Browser Forum S/MIME Baseline Requirements v1.0.16",
		Source:    lint.CABFSMIMEBaselineRequirements,
		LintNames: Recommended(),
	})
}
