package zlintsmime

import (
	"encoding/base64"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/pelletier/go-toml"
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
	"github.com/smimelint/zlint-smime/util"
)

// Options are the settings of a Linter. The zero value is the recommended
// registry with every lint at its default.
type Options struct {
	// Registry is the set of lints to run; nil means the recommended
	// registry. Its own configuration (Registry.GetConfiguration) is not
	// used: Config is. A registry whose configuration declares S/MIME CAs
	// that Config does not (NewRegistry(ConfigWithDeclaredCAs(…))) is an
	// error, not a Linter that silently lints those CAs as unscoped.
	Registry lint.Registry
	// Config is a zlint TOML configuration for the configurable lints, in
	// the form zlint's -exampleConfig prints; empty means every default.
	Config string
	// CrossCertificate lints certificates as Cross Certificates
	// (SBR §7.1.2.2(g)), which the certificate alone cannot show: it sets
	// the Cross Certificate setting of every lint that has one, over
	// Config.
	CrossCertificate bool
	// Issuer is the issuing CA certificate, which a CA knows before it signs
	// and a CT log entry's chain holds. With it, the issuer-aware rules run
	// (issuer name and key identifier, the signature algorithm and RSA key
	// size from the issuer's real key, its S/MIME scope, name constraints
	// and pathLenConstraint), and no rule reads the issuer's key from the
	// signature, so a TBS, a dummy signature or a throwaway key gives the
	// findings of the certificate the issuer will sign. It sets the Issuer
	// setting of every lint that has one, over Config; a certificate that is
	// not a CA certificate is an error.
	Issuer *x509.Certificate
}

// Linter runs one registry with one configuration. It is built once and
// never changes, so one Linter may serve any number of goroutines, and two
// Linters (one per issuing CA, say) never see each other's settings.
type Linter struct {
	reg lint.Registry
	cfg lint.Configuration
	// screen is whether LintDER may skip certificates unparsed
	// (Screenable).
	screen bool
}

// NewLinter checks o and returns a Linter for it. The configuration is
// applied to every configurable lint once here, so that a value of the
// wrong type is an error now rather than a Fatal result on every
// certificate.
func NewLinter(o Options) (*Linter, error) {
	reg := o.Registry
	if reg == nil {
		reg = recommendedRegistry()
	}
	tree, err := toml.Load(o.Config)
	if err != nil {
		return nil, fmt.Errorf("zlint-smime: configuration: %w", err)
	}
	if err := CheckConfig(tree); err != nil {
		return nil, fmt.Errorf("zlint-smime: configuration: %w", err)
	}
	if o.CrossCertificate {
		for _, name := range lintsWithSetting(reg, "CrossCertificate", reflect.Bool) {
			overrideSetting(tree, name, crossCertificateKey, true)
		}
	}
	if o.Issuer != nil {
		if _, err := smime.NewIssuer(o.Issuer); err != nil {
			return nil, fmt.Errorf("zlint-smime: %w", err)
		}
		text := base64.StdEncoding.EncodeToString(o.Issuer.Raw)
		for _, name := range lintsWithSetting(reg, issuerKey, reflect.String) {
			overrideSetting(tree, name, issuerKey, text)
		}
	}
	cfg, err := lint.NewConfigFromString(tree.String())
	if err != nil {
		return nil, fmt.Errorf("zlint-smime: configuration: %w", err)
	}
	if o.Registry != nil {
		if err := checkRegistryDeclarations(o.Registry.GetConfiguration(), cfg); err != nil {
			return nil, err
		}
	}
	for _, l := range reg.CertificateLints().Lints() {
		if err := cfg.MaybeConfigure(l.Lint(), l.Name); err != nil {
			return nil, fmt.Errorf("zlint-smime: configuration of %s: %w", l.Name, err)
		}
	}
	for _, l := range reg.RevocationListLints().Lints() {
		if err := cfg.MaybeConfigure(l.Lint(), l.Name); err != nil {
			return nil, fmt.Errorf("zlint-smime: configuration of %s: %w", l.Name, err)
		}
	}
	return &Linter{reg: reg, cfg: cfg, screen: screenBlocker(reg) == "" && !declaresCAs(cfg)}, nil
}

// checkRegistryDeclarations refuses a registry whose own configuration
// declares an S/MIME CA that the Linter's configuration cfg does not. The
// README's zlint-style recipe builds such a registry (NewRegistry with
// ConfigWithDeclaredCAs); NewLinter reads only Options.Config, so passing
// that registry alone would drop the declarations without a word, and the
// CA-scoped rules would not run on the declared CAs: false negatives.
func checkRegistryDeclarations(regCfg, cfg lint.Configuration) error {
	theirs, _ := declaredIn(regCfg)
	ours, _ := declaredIn(cfg)
	have := map[string]bool{}
	for _, f := range ours {
		have[normalFingerprint(f)] = true
	}
	for _, f := range theirs {
		if !have[normalFingerprint(f)] {
			return fmt.Errorf("zlint-smime: Options.Registry's configuration declares the S/MIME CA %s, which Options.Config does not: "+
				"NewLinter reads only Options.Config, so give the declarations there (ConfigTextWithDeclaredCAs)", util.Quote(f))
		}
	}
	return nil
}

// normalFingerprint is f in the form NormalizeFingerprint gives, or f as it
// is when it is no fingerprint (a lint matches nothing with it either).
func normalFingerprint(f string) string {
	if n, err := smime.NormalizeFingerprint(f); err == nil {
		return n
	}
	return f
}

// crossCertificateKey is the configuration key of the Cross Certificate
// setting, as the lints declare it.
const crossCertificateKey = "cross_certificate"

// globalSections are the sections of zlint's own global configuration
// (lint/global_configurations.go in zlint v3.7.3).
var globalSections = []string{"Global", "RFC5280Config", "RFC5480Config", "RFC5891Config", "CABFBaselineRequirementsConfig",
	"CABFEVGuidelinesConfig", "MozillaRootStorePolicyConfig", "AppleRootStorePolicyConfig", "CommunityConfig", "EtsiEsiConfig"}

// CheckConfig refuses a configuration that zlint would apply only in part
// without a word: a section that names no lint and no global configuration
// of zlint, or a key that the section's lint does not have (matched as
// go-toml matches keys to fields: the toml tag, the field name or its lower
// case; the library's own lints also accept snake_case), or declared
// S/MIME CAs in [Global] that a lint could not read (declaredList). Every
// lint ever registered counts, not only the selected ones, so that one file
// serves several selections.
func CheckConfig(tree *toml.Tree) error {
	if _, err := declaredList(tree); err != nil {
		return err
	}
	global := lint.GlobalRegistry()
	for _, section := range tree.Keys() {
		sub, isTable := tree.Get(section).(*toml.Tree)
		if slices.Contains(globalSections, section) {
			continue
		}
		var target any
		switch {
		case global.CertificateLints().ByName(section) != nil:
			target = global.CertificateLints().ByName(section).Lint()
		case global.RevocationListLints().ByName(section) != nil:
			target = global.RevocationListLints().ByName(section).Lint()
		case global.OcspResponseLints().ByName(section) != nil:
			target = global.OcspResponseLints().ByName(section).Lint()
		case !isTable:
			return fmt.Errorf("unknown top-level key %q: zlint's global settings live in sections such as [CABFBaselineRequirementsConfig]", section)
		default:
			return fmt.Errorf("unknown section [%s]: no lint of that name is registered (-list-lints -all lists them)", section)
		}
		if !isTable {
			return fmt.Errorf("%q is a lint name but not a section: write [%s]", section, section)
		}
		c, ok := target.(lint.Configurable)
		if !ok {
			return fmt.Errorf("section [%s]: the lint takes no configuration", section)
		}
		accepted, ours := fieldKeys(c.Configure())
		for _, key := range sub.Keys() {
			if !accepted[key] && !(ours && accepted[snakeless(key)]) {
				return fmt.Errorf("section [%s]: unknown key %q (zlint-smime -exampleConfig shows the keys)", section, key)
			}
		}
	}
	return nil
}

// fieldKeys are the keys go-toml matches to the exported fields of the
// struct v points to; for the library's lints, which decode their section
// themselves (lints/settings.go), also every key whose snakeless form is a
// field's.
func fieldKeys(v any) (keys map[string]bool, ours bool) {
	keys = map[string]bool{}
	rv := reflect.Indirect(reflect.ValueOf(v))
	if rv.Kind() != reflect.Struct {
		return keys, false
	}
	_, ours = v.(interface{ UnmarshalTOML(any) error })
	for i := range rv.NumField() {
		f := rv.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		keys[f.Name], keys[strings.ToLower(f.Name)] = true, true
		if tag, _, _ := strings.Cut(f.Tag.Get("toml"), ","); tag != "" {
			keys[tag] = true
		}
		if ours {
			keys[snakeless(f.Name)] = true
		}
	}
	return keys, ours
}

// snakeless is a key lower-cased without underscores: cross_certificate and
// CrossCertificate both give crosscertificate.
func snakeless(key string) string { return strings.ToLower(strings.ReplaceAll(key, "_", "")) }

// overrideSetting sets key of the lint's section to value, over the
// configuration: the library's lints read CrossCertificate,
// crosscertificate and cross_certificate as one setting, so every spelling
// of key the section already holds is removed first (two spellings would
// leave the value to the order a map is walked in).
func overrideSetting(tree *toml.Tree, section, key string, value any) {
	if sub, ok := tree.Get(section).(*toml.Tree); ok {
		for _, k := range sub.Keys() {
			// DeletePath, not Delete, which parses k as a key path and
			// refuses a quoted key that is no bare key ("İssuer").
			if snakeless(k) == snakeless(key) {
				_ = sub.DeletePath([]string{k}) // k is a key of sub: cannot fail
			}
		}
	}
	tree.SetPath([]string{section, key}, value)
}

// issuerKey is the configuration key of the issuer setting (lints/issuer.go).
const issuerKey = "Issuer"

// lintsWithSetting names the lints of reg whose configuration has the
// field of that name and kind.
func lintsWithSetting(reg lint.Registry, field string, kind reflect.Kind) []string {
	var names []string
	for _, l := range reg.CertificateLints().Lints() {
		c, ok := l.Lint().(lint.Configurable)
		if !ok {
			continue
		}
		v := reflect.Indirect(reflect.ValueOf(c.Configure()))
		if v.Kind() != reflect.Struct {
			continue
		}
		if f, ok := v.Type().FieldByName(field); ok && f.Type.Kind() == kind {
			names = append(names, l.Name)
		}
	}
	return names
}

// Lint runs the Linter's certificate lints on c and returns the findings,
// sorted by lint name.
func (l *Linter) Lint(c *x509.Certificate) []Finding {
	return lintCertificate(l.reg, l.cfg, c)
}

// LintDER parses one DER certificate and lints it. When no lint of the
// Linter's registry could apply to der (Screened), it returns no findings
// without parsing: the findings are those of the parsed certificate, and a
// certificate zcrypto would reject is not reported as such.
func (l *Linter) LintDER(der []byte) ([]Finding, error) {
	if l.Screened(der) {
		return nil, nil
	}
	return lintDER(l.reg, l.cfg, der)
}

// LintRevocationList runs the Linter's revocation-list lints on r.
func (l *Linter) LintRevocationList(r *x509.RevocationList) []Finding {
	return lintRevocationList(l.reg, l.cfg, r)
}

// LintCRLDER parses one DER CRL and lints it.
func (l *Linter) LintCRLDER(der []byte) ([]Finding, error) {
	r, err := ParseRevocationList(der)
	if err != nil {
		return nil, err
	}
	return l.LintRevocationList(r), nil
}

// LintTBSDER lints a bare DER TBSCertificate, as a CA has it before signing:
// it is wrapped with its own signature algorithm and an empty signature,
// which no lint reads a key from. A subject key zcrypto cannot parse is a
// finding, as in LintDER: the TBS gives the findings of the certificate it
// will become.
func (l *Linter) LintTBSDER(tbs []byte) ([]Finding, error) {
	c, err := ParseTBSCertificate(tbs)
	if err == nil {
		return l.Lint(c), nil
	}
	if der, werr := smime.WrapTBS(tbs); werr == nil {
		if findings, ok := lintUnparsableKey(l.reg, l.cfg, der, err); ok {
			return findings, nil
		}
	}
	return nil, err
}

// LintAnyDER lints a certificate, a bare TBSCertificate, a CRL or a bare
// TBSCertList, told apart by their structure (smime.ShapeOf), and says
// which it was.
func (l *Linter) LintAnyDER(der []byte) (smime.Shape, []Finding, error) {
	shape := smime.ShapeOf(der)
	var findings []Finding
	var err error
	switch shape {
	case smime.TBSCertificateShape:
		findings, err = l.LintTBSDER(der)
	case smime.CRLShape:
		findings, err = l.LintCRLDER(der)
	case smime.TBSCRLShape:
		var r *x509.RevocationList
		if r, err = ParseTBSRevocationList(der); err == nil {
			findings = l.LintRevocationList(r)
		}
	default:
		if sh, extra, ok := smime.TrailingData(der); ok {
			return sh, nil, smime.TrailingDataError(sh, extra)
		}
		// A certificate, or something the certificate parser will name.
		shape = smime.CertificateShape
		findings, err = l.LintDER(der)
	}
	return shape, findings, err
}
