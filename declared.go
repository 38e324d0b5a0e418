package zlintsmime

import (
	"fmt"
	"io"
	"slices"

	"github.com/pelletier/go-toml"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/lints"
	"github.com/smimelint/zlint-smime/smime"
)

// ReadDeclaredCAs reads a list of declared S/MIME CAs: one hex SHA-256
// fingerprint per line, of a certificate or of its subjectPublicKeyInfo,
// colons allowed; "#" starts a comment. It returns them as lowercase hex.
func ReadDeclaredCAs(r io.Reader) ([]string, error) {
	return smime.ParseDeclaredCAs(r)
}

// ConfigWithDeclaredCAs returns the zlint configuration base (TOML text,
// may be empty) with the fingerprints added to the declared S/MIME CAs, the
// key smime.DeclaredCAKey of its [Global] table. Set it on a registry with
// SetConfiguration: every lint of the library that applies to S/MIME CA
// certificates then also applies to those CAs, roots without an S/MIME
// signal among them.
//
//	cfg, err := zlintsmime.ConfigWithDeclaredCAs("", fingerprints)
//	reg, err := zlintsmime.NewRegistry(cfg)
//	findings := zlintsmime.LintWith(reg, cert)
func ConfigWithDeclaredCAs(base string, fingerprints []string) (lint.Configuration, error) {
	text, err := ConfigTextWithDeclaredCAs(base, fingerprints)
	if err != nil {
		return lint.Configuration{}, err
	}
	return lint.NewConfigFromString(text)
}

// ConfigTextWithDeclaredCAs is ConfigWithDeclaredCAs as TOML text, for
// Options.Config.
func ConfigTextWithDeclaredCAs(base string, fingerprints []string) (string, error) {
	tree, err := toml.Load(base)
	if err != nil {
		return "", fmt.Errorf("configuration: %v", err)
	}
	path := []string{"Global", smime.DeclaredCAKey}
	var list []string
	switch old := tree.GetPath(path).(type) {
	case nil:
	case []any:
		for _, v := range old {
			s, ok := v.(string)
			if !ok {
				return "", fmt.Errorf("configuration: [Global] %s holds %v, not a string", smime.DeclaredCAKey, v)
			}
			list = append(list, s)
		}
	default:
		return "", fmt.Errorf("configuration: [Global] %s is not a list of strings", smime.DeclaredCAKey)
	}
	for _, f := range fingerprints {
		if !slices.Contains(list, f) {
			list = append(list, f)
		}
	}
	tree.SetPath(path, list)
	return tree.String(), nil
}

// NewRegistry returns a new recommended registry with the configuration
// cfg, e.g. from ConfigWithDeclaredCAs. Unlike Registry's, it is not shared:
// zlint keeps the configuration in the registry, and setting it on the
// shared one would change what every other caller's lints see.
func NewRegistry(cfg lint.Configuration) (lint.Registry, error) {
	r, err := lint.GlobalRegistry().Filter(lint.FilterOptions{IncludeNames: lints.Recommended()})
	if err != nil {
		return nil, err
	}
	r.SetConfiguration(cfg)
	return r, nil
}
