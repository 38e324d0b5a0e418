package records

import (
	"fmt"
	"os"

	zlintsmime "github.com/smimelint/zlint-smime"
)

// ConfigText is the zlint TOML configuration of a -config file ("": none)
// with the declared S/MIME CAs of a -smime-ca file ("": none) added to its
// [Global] list, as the command, serve and the Beam pipeline take them.
func ConfigText(configFile, smimeCAFile string) (string, error) {
	base := ""
	if configFile != "" {
		raw, err := os.ReadFile(configFile)
		if err != nil {
			return "", fmt.Errorf("-config: %v", err)
		}
		base = string(raw)
	}
	var declared []string
	if smimeCAFile != "" {
		f, err := os.Open(smimeCAFile)
		if err != nil {
			return "", fmt.Errorf("-smime-ca: %v", err)
		}
		defer f.Close()
		if declared, err = zlintsmime.ReadDeclaredCAs(f); err != nil {
			return "", fmt.Errorf("-smime-ca: %s: %v", smimeCAFile, err)
		}
	}
	text, err := zlintsmime.ConfigTextWithDeclaredCAs(base, declared)
	if err != nil {
		return "", fmt.Errorf("-config: %v", err)
	}
	return text, nil
}
