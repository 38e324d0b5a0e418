package lints

import (
	"fmt"
	"sort"
	"strings"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
	"github.com/smimelint/zlint-smime/util"
)

// Companion lints: upstream lints of other sources (Mozilla, RFC 5280,
// Community) that enforce an SBR rule. Run as they are, they report on every
// certificate of any date: TLS certificates, and S/MIME certificates issued
// long before the SBR took effect (v1 roots from 1999 among them). The
// recommended set therefore runs each of them through a lint of ours, named
// by CompanionName, that applies only where the SBR does: to S/MIME
// subscriber certificates and S/MIME CA certificates (smime.IsSMIMECA)
// issued on or after the later of 2023-09-01 and the upstream lint's own
// effective date. The wrapper delegates CheckApplies and Execute to a fresh
// instance of the upstream lint, so its findings are upstream's, word for
// word.
//
// The wrapper cannot keep the upstream name: zlint's global registry holds
// one lint per name, and a profile (zlint -profile smimelint_recommended)
// is a list of names in that registry. Registered under a name of ours, the
// wrapper is what the profile and zlintsmime.Registry run; the upstream
// original stays registered, unscoped, for whoever selects it by name.

// companionTag marks the wrappers' names: <severity>_smimelint_companion_<upstream name without its prefix>.
const companionTag = "_smimelint_companion_"

// CompanionName returns the name of the lint of ours that runs the upstream
// lint upstream in S/MIME scope: the severity prefix kept, the rest of the
// upstream name after companionTag, with "-" (which the naming rule does
// not allow) written "_". e_mp_rsassa-pss_in_spki becomes
// e_smimelint_companion_mp_rsassa_pss_in_spki.
func CompanionName(upstream string) string {
	prefix, rest, _ := strings.Cut(upstream, "_")
	return prefix + companionTag + strings.ReplaceAll(rest, "-", "_")
}

// IsCompanion reports whether name is the name of a companion wrapper.
func IsCompanion(name string) bool { return strings.Contains(name, companionTag) }

// companionScope is the scope of every companion: an S/MIME subscriber
// certificate or an S/MIME CA certificate. A TLS certificate, a self-issued
// end-entity certificate or a CA with no S/MIME signal that the
// configuration does not declare (smime.DeclaredCAs) is out of it.
func companionScope(c *x509.Certificate, declared *smime.DeclaredCAs) bool {
	return isSMIMESubscriber(c) || declared.IsSMIMECA(c)
}

// companion runs the upstream lint companionUpstreams[i] in S/MIME scope,
// declared S/MIME CAs included. CheckApplies and Execute each ask a fresh
// upstream instance: the companions' lints keep no state between the two
// calls (TestCompanionsStateless).
type companion struct {
	caScope
	i uint8
}

// companionUpstreams are the constructors of the wrapped upstream lints.
var companionUpstreams []func() lint.CertificateLintInterface

// ScopedToSMIME tells the out-of-scope screen that the companion returns NA
// outside S/MIME scope (companionScope); declared S/MIME CAs, which the
// screen cannot see, turn the screen off (Linter).
func (l *companion) ScopedToSMIME() {}

func (l *companion) CheckApplies(c *x509.Certificate) bool {
	return companionScope(c, l.Declared) && companionUpstreams[l.i]().CheckApplies(c)
}

func (l *companion) Execute(c *x509.Certificate) *lint.LintResult {
	res := companionUpstreams[l.i]().Execute(c)
	if res == nil || res.Status == lint.Fatal {
		// Upstream answers Fatal when it cannot read what it checks (a
		// malformed extension, for example); for the library a Fatal is a
		// bug of the lint. The certificate is what is wrong, so it is
		// reported at the companion's own severity, saying so.
		details := "the upstream lint returned no result"
		if res != nil {
			details = "the upstream lint could not evaluate the certificate"
			if res.Details != "" {
				details += ": " + util.Quote(res.Details)
			}
		}
		return &lint.LintResult{Status: companionSeverity[l.i], Details: details}
	}
	return res
}

// companionSeverity is the status each companion reports, from its name's
// prefix (the naming rule): Error for e_, Warn for w_, Notice for n_.
var companionSeverity []lint.LintStatus

// readsSignature are the companions whose upstream lint reads the signature
// value, which a pre-issuance hook does not have: upstream's
// e_mp_ecdsa_signature_encoding_correct tells the signing curve from the
// signature's length.
var readsSignature = map[string]bool{"e_mp_ecdsa_signature_encoding_correct": true}

// signatureCompanion is a companion whose upstream lint reads the signature
// value. With the issuing CA certificate known, the rule is decided from
// its key instead (e_smimelint_issuer_signature_algorithm_mismatch) and the
// companion does not apply, so a TBS, a dummy signature or a throwaway key
// gives the findings of the signed certificate; without it, a signature
// that cannot be real (smime.SignatureCannotBeReal) shows nothing, so the
// result is NE with the reason.
type signatureCompanion struct {
	// Declared are the declared S/MIME CAs, from zlint's [Global] table.
	Declared *smime.DeclaredCAs
	Issuer   string `comment:"The issuing CA certificate, base64 DER or PEM; when given, the rule is decided from its key by e_smimelint_issuer_signature_algorithm_mismatch."`
	i        uint8
}

func (l *signatureCompanion) Configure() any { return l }

// UnmarshalTOML decodes the lint's configuration section (settings.go).
func (l *signatureCompanion) UnmarshalTOML(section any) error { return decodeSettings(section, l) }

// ScopedToSMIME: as companion's.
func (l *signatureCompanion) ScopedToSMIME() {}

func (l *signatureCompanion) CheckApplies(c *x509.Certificate) bool {
	return l.Issuer == "" && companionScope(c, l.Declared) && companionUpstreams[l.i]().CheckApplies(c)
}

func (l *signatureCompanion) Execute(c *x509.Certificate) *lint.LintResult {
	if smime.SignatureCannotBeReal(c.Signature) {
		return notEffectivef("the signature is empty or a placeholder, so it does not show the signing key; " +
			"give the issuing CA certificate to decide this rule")
	}
	return (&companion{i: l.i}).Execute(c)
}

// companionMetadata returns the metadata of the wrapper of the upstream lint
// up, which enforces the SBR rule described by rule ("<citation>: <what>
// (<rule IDs>)", a value of Companions).
func companionMetadata(up *lint.CertificateLint, rule string) lint.LintMetadata {
	cite, what, ok := strings.Cut(rule, ": ")
	i := strings.LastIndex(what, " (")
	if !ok || i < 0 || !strings.HasSuffix(what, ")") {
		panic("lints: Companions[" + up.Name + "] is not \"<citation>: <what> (<rule IDs>)\": " + rule)
	}
	what, ids := what[:i], what[i+2:len(what)-1]
	if after, isSBR := strings.CutPrefix(cite, "SBR "); isSBR {
		cite = "SBR v1.0.16 " + after
	}
	effective := smime.SBRComplianceDate
	if up.EffectiveDate.After(effective) {
		effective = up.EffectiveDate
	}
	return lint.LintMetadata{
		Name: CompanionName(up.Name),
		Description: fmt.Sprintf("%s, checked by upstream zlint's %s (%s) on S/MIME subscriber and S/MIME CA "+
			"certificates only (%s)", what, up.Name, up.Source, ids),
		Citation:                cite,
		Source:                  lint.CABFSMIMEBaselineRequirements,
		EffectiveDate:           effective,
		IneffectiveDate:         up.IneffectiveDate,
		OverrideFrameworkFilter: true,
	}
}

// registerCompanions registers the wrapper of every companion. The upstream
// lints of these sources get no framework pre-filter from zlint (only
// CABF_BR, CABF_SMIME_BR and CABF_CS_BR lints do), so calling their
// CheckApplies directly loses nothing; a companion of another source would
// need that filter here, and is refused.
func registerCompanions() {
	names := make([]string, 0, len(Companions))
	for name := range Companions {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		up := lint.GlobalRegistry().CertificateLints().ByName(name)
		if up == nil {
			panic("lints: companion " + name + " is not a registered upstream certificate lint")
		}
		switch up.Source {
		case lint.CABFBaselineRequirements, lint.CABFSMIMEBaselineRequirements, lint.CABFCSBaselineRequirements:
			panic("lints: companion " + name + " has a zlint framework filter the wrapper does not apply")
		}
		if len(companionUpstreams) > 255 {
			panic("lints: more companions than a companion index holds")
		}
		if _, ok := up.Lint().(lint.Configurable); ok {
			panic("lints: companion " + name + " is configurable, which the wrapper does not pass on")
		}
		i := uint8(len(companionUpstreams))
		companionUpstreams = append(companionUpstreams, up.Lint)
		companionSeverity = append(companionSeverity, map[byte]lint.LintStatus{'e': lint.Error, 'w': lint.Warn, 'n': lint.Notice}[name[0]])
		constructor := func() lint.CertificateLintInterface { return &companion{i: i} }
		if readsSignature[name] {
			constructor = func() lint.CertificateLintInterface { return &signatureCompanion{i: i} }
		}
		lint.RegisterCertificateLint(&lint.CertificateLint{
			LintMetadata: companionMetadata(up, Companions[name]),
			Lint:         constructor,
		})
	}
}

func init() { registerCompanions() }
