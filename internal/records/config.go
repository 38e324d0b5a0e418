package records

import (
	"fmt"
	"os"
	"strings"

	zlintsmime "github.com/smimelint/zlint-smime"
)

// ConfigText is the zlint TOML configuration of a -config file ("": none)
// with the declared S/MIME CAs of a -smime-ca file ("": none) added to its
// [Global] list, as the command, serve and the Beam pipeline take them. It
// is checked as NewLinter checks a configuration (sections, keys, types), so
// that a mistake stops the program at its start, worded the same in the
// three, rather than making every record an error.
func ConfigText(configFile, smimeCAFile string) (string, error) {
	base := ""
	if configFile != "" {
		raw, err := os.ReadFile(configFile)
		if err != nil {
			return "", fmt.Errorf("-config: %v", err) // names the file
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
		// The list of -smime-ca was checked as it was read: the mistake is
		// in the -config file. The command, serve and Beam word it alike.
		return "", fmt.Errorf("-config %s: %v", configFile, err)
	}
	if _, err := zlintsmime.NewLinter(zlintsmime.Options{Config: text}); err != nil {
		return "", fmt.Errorf("-config %s: %s", configFile, strings.TrimPrefix(err.Error(), "zlint-smime: "))
	}
	return text, nil
}
