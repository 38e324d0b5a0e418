package zlintsmime

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

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
	list, err := declaredList(tree)
	if err != nil {
		return "", fmt.Errorf("configuration: %v", err)
	}
	for _, f := range fingerprints {
		norm, err := smime.NormalizeFingerprint(f)
		if err != nil {
			return "", fmt.Errorf("declared S/MIME CAs: %v", err)
		}
		if !slices.Contains(list, norm) {
			list = append(list, norm)
		}
	}
	if global, ok := tree.Get("Global").(*toml.Tree); ok {
		// One list, under the key as the library writes it.
		_ = global.DeletePath([]string{strings.ToUpper(smime.DeclaredCAKey)}) // absent: nothing to do
	}
	tree.SetPath([]string{"Global", smime.DeclaredCAKey}, list)
	return tree.String(), nil
}

// declaredList reads the declared S/MIME CAs of a configuration's [Global]
// table, normalised, and refuses what a lint could not read: an entry that
// is no hex SHA-256, a value that is no list of strings, or a key that
// resembles smime_ca_sha256 but that go-toml would not match to it
// (smime_ca_sha265, Smime_CA_SHA256), which would declare nothing,
// silently. go-toml matches the key as written and in upper case
// (SMIME_CA_SHA256); both spellings at once are refused, as zlint would
// read only one of them.
func declaredList(tree *toml.Tree) ([]string, error) {
	global, ok := tree.Get("Global").(*toml.Tree)
	if !ok {
		if tree.Has("Global") {
			return nil, errors.New("the top-level key Global is not a table: write [Global]")
		}
		return nil, nil
	}
	key := ""
	for _, k := range global.Keys() {
		switch {
		case k == smime.DeclaredCAKey || k == strings.ToUpper(smime.DeclaredCAKey):
			if key != "" {
				return nil, fmt.Errorf("[Global] %s and %s name the same list: keep one", key, k)
			}
			key = k
		case strings.HasPrefix(snakeless(k), "smimeca"):
			return nil, fmt.Errorf("[Global] unknown key %q: the declared S/MIME CAs are %s", k, smime.DeclaredCAKey)
		}
	}
	if key == "" {
		return nil, nil
	}
	var list []string
	switch old := global.Get(key).(type) {
	case []any:
		for _, v := range old {
			s, ok := v.(string)
			if !ok {
				return nil, fmt.Errorf("[Global] %s holds %v, not a string", key, v)
			}
			norm, err := smime.NormalizeFingerprint(s)
			if err != nil {
				return nil, fmt.Errorf("[Global] %s: %v", key, err)
			}
			list = append(list, norm)
		}
	default:
		return nil, fmt.Errorf("[Global] %s is not a list of strings", key)
	}
	return list, nil
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
