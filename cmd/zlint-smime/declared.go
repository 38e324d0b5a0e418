package main

import (
	"fmt"

	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/internal/records"
)

// smimeCAHelp documents -smime-ca.
const smimeCAHelp = "a file of declared S/MIME CAs: one hex SHA-256 per line of a CA certificate or its " +
	"subjectPublicKeyInfo, \"#\" comments; the CA rules then apply to those CAs (roots without an S/MIME " +
	"signal); it adds to [Global] smime_ca_sha256 of -config"

// configure gives reg the configuration of -config and -smime-ca, if any.
// zlint keeps the configuration in the registry, and the selection flags may
// have left reg the shared recommended registry, so a configured registry is
// always a fresh copy of reg's selection.
func configure(reg lint.Registry, opts *options) (lint.Registry, error) {
	if opts.config == "" && opts.smimeCA == "" {
		return reg, nil
	}
	text, err := records.ConfigText(opts.config, opts.smimeCA)
	if err != nil {
		return nil, err
	}
	// The Linters of -issuer and of CT entries take the same configuration.
	opts.configText = text
	cfg, err := lint.NewConfigFromString(text)
	if err != nil {
		return nil, fmt.Errorf("-config: %v", err)
	}
	fresh, err := lint.GlobalRegistry().Filter(lint.FilterOptions{IncludeNames: reg.Names()})
	if err != nil {
		return nil, err
	}
	fresh.SetConfiguration(cfg)
	return fresh, nil
}
