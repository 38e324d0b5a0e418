package zlintsmime

import (
	"sync"

	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
)

// The out-of-scope screen (smime.MayBeInScope) may skip a certificate only
// for a registry every certificate lint of which is known to return NA or NE
// on whatever the screen skips. A lint is known to when:
//
//   - it is a CABF_SMIME_BR lint that keeps zlint's framework filter
//     (util.IsEmailProtectionCert), which needs an email subjectAltName or a
//     reserved policy identifier;
//   - it is one of screenAudited below, the library's lints that override
//     the framework filter, each of whose CheckApplies was read and found to
//     need smime.InScope, smime.IsSMIMECA, an S/MIME subscriber, or an
//     email subtree in nameConstraints;
//   - its implementation declares smime.ScopedLint (a wrapper that applies
//     its lint only to certificates in S/MIME scope).
//
// Any other lint (an upstream TLS or RFC lint, a companion not yet scoped,
// a new override lint nobody audited) turns the screen off for the whole
// registry: the screen is a proven superset of applicability or nothing.
var screenAudited = map[string]string{
	"e_smimelint_ca_key_usage":                        "IsSMIMECA",
	"e_smimelint_ca_rsa_key_under_4096":               "IsSMIMECA",
	"e_smimelint_ca_subject_required_attributes":      "IsSMIMECA",
	"n_smimelint_cross_eku_non_dedicated":             "IsSMIMESubCA",
	"e_smimelint_issuer_cannot_issue":                 "signedByIssuerInScope: InScope",
	"e_smimelint_issuer_key_identifier_mismatch":      "signedByIssuerInScope: InScope",
	"e_smimelint_issuer_name_constraints_violated":    "signedByIssuerInScope: InScope",
	"e_smimelint_issuer_name_mismatch":                "signedByIssuerInScope: InScope",
	"e_smimelint_issuer_not_smime_ca":                 "isSMIMESubscriber",
	"e_smimelint_issuer_signature_algorithm_mismatch": "signedByIssuerInScope: InScope",
	"n_smimelint_issuer_signature_not_verified":       "signedByIssuerInScope: InScope",
	"e_smimelint_name_constraints_email_form":         "hasEmailNameConstraints: nameConstraints present",
	"w_smimelint_name_constraints_rfc822_mailbox":     "hasEmailNameConstraints: nameConstraints present",
	"w_smimelint_root_certificate_policies":           "IsSMIMERoot",
	"e_smimelint_root_eku_present":                    "IsSMIMERoot",
	"w_smimelint_root_path_len":                       "IsSMIMERoot",
	"e_smimelint_rsa_exponent_invalid":                "hasRSAKeyInScope: InScope",
	"w_smimelint_rsa_exponent_out_of_range":           "hasRSAKeyInScope: InScope",
	"w_smimelint_rsa_modulus_weak":                    "hasRSAKeyInScope: InScope",
	"e_smimelint_sha1_signature":                      "InScope",
	"e_smimelint_signature_algorithm_encoding":        "InScope",
	"e_smimelint_signature_algorithm_matches_key":     "InScope",
	"e_smimelint_spki_algorithm_encoding":             "InScope",
	"w_smimelint_subca_aia_ca_issuers":                "IsSMIMESubCA",
	"e_smimelint_subca_authority_key_identifier":      "IsSMIMESubCA",
	"e_smimelint_subca_certificate_policies":          "IsSMIMESubCA",
	"w_smimelint_subca_certificate_policies_critical": "IsSMIMESubCA",
	"e_smimelint_subca_crl_distribution_points":       "IsSMIMESubCA",
	"e_smimelint_subca_eku":                           "IsSMIMESubCA",
	"w_smimelint_subca_eku_critical":                  "IsSMIMESubCA",
	"e_smimelint_subca_eku_realignment":               "IsSMIMESubCA",
	"w_smimelint_subca_name_constraints_not_critical": "IsSMIMESubCA",
	"e_smimelint_subca_policy_cps_uri":                "IsSMIMESubCA",
	"e_smimelint_subca_policy_user_notice":            "IsSMIMESubCA",
	"n_smimelint_tcsc_not_technically_constrained":    "IsSMIMESubCA and emailProtection",
	"e_smimelint_tcsc_rfc822_constraints":             "IsSMIMESubCA and emailProtection",
}

// screenBlocker returns the name of the first certificate lint of reg that
// the screen does not know to be S/MIME-only, or "" when reg may be
// screened.
func screenBlocker(reg lint.Registry) string {
	for _, l := range reg.CertificateLints().Lints() {
		if !screenKnows(l) {
			return l.Name
		}
	}
	return ""
}

func screenKnows(l *lint.CertificateLint) bool {
	if l.Source == lint.CABFSMIMEBaselineRequirements && !l.OverrideFrameworkFilter {
		return true
	}
	if _, ok := screenAudited[l.Name]; ok {
		return true
	}
	_, ok := l.Lint().(smime.ScopedLint)
	return ok
}

// Screenable reports whether LintDER on a Linter of reg skips the
// certificates no lint of reg could apply to without parsing them, and if
// not, names a lint that prevents it. A configuration that declares S/MIME
// CAs ([Global] smime_ca_sha256) turns the screen off: a declared root
// carries no S/MIME signal for the screen to see.
func Screenable(reg lint.Registry) (ok bool, blocker string) {
	if declaresCAs(reg.GetConfiguration()) {
		return false, "[Global] " + smime.DeclaredCAKey
	}
	b := screenBlocker(reg)
	return b == "", b
}

// Screenable reports whether a Linter built from o (NewLinter) skips the
// certificates no lint could apply to without parsing them, and if not, why
// not. It differs from Screenable(o.Registry) as NewLinter does: the
// declared S/MIME CAs that turn the screen off are read from o.Config, not
// from the registry's own configuration. A caller that screens before it
// builds a Linter (one per issuing CA, say) asks here, so that it screens
// exactly when the Linter would.
func (o Options) Screenable() (ok bool, blocker string) {
	reg := o.Registry
	if reg == nil {
		reg = recommendedRegistry()
	}
	cfg, err := lint.NewConfigFromString(o.Config)
	if err != nil {
		// NewLinter refuses it; until then nothing is skipped.
		return false, "the configuration: " + err.Error()
	}
	if declaresCAs(cfg) {
		return false, "[Global] " + smime.DeclaredCAKey
	}
	b := screenBlocker(reg)
	return b == "", b
}

// declaresCAs reports whether cfg declares S/MIME CAs, read as zlint reads
// them for a lint: into a *smime.DeclaredCAs field.
func declaresCAs(cfg lint.Configuration) bool {
	list, ok := declaredIn(cfg)
	return !ok || len(list) > 0 // unreadable: do not screen
}

// declaredIn is the list of S/MIME CAs cfg declares, as a lint reads it,
// and false if cfg cannot be read (a Configuration that was never loaded
// holds no TOML tree, and reading it panics in zlint).
func declaredIn(cfg lint.Configuration) (list []string, ok bool) {
	defer func() {
		if recover() != nil {
			list, ok = nil, false
		}
	}()
	var probe struct{ Declared *smime.DeclaredCAs }
	// No lint has this name: only the [Global] table is read.
	if err := cfg.Configure(&probe, "zlint-smime screen probe"); err != nil {
		return nil, false
	}
	if probe.Declared == nil {
		return nil, true
	}
	return probe.Declared.SHA256, true
}

// recommendedScreen is whether the recommended registry may be screened,
// decided once.
var recommendedScreen = sync.OnceValue(func() bool {
	return screenBlocker(recommendedRegistry()) == ""
})

// Screened reports whether the Linter's LintDER skips der unparsed: its
// registry may be screened and no S/MIME rule could apply to der
// (smime.MayBeInScope).
func (l *Linter) Screened(der []byte) bool {
	return l.screen && !smime.MayBeInScope(der)
}
