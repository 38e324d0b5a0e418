package zlintsmime_test

import (
	"encoding/pem"
	"fmt"
	"os"

	zlintsmime "github.com/smimelint/zlint-smime"
)

// ExampleLintDER lints one DER certificate, as a pre-issuance hook would, and
// prints the findings of the recommended registry.
func ExampleLintDER() {
	raw, err := os.ReadFile("testdata/eai02_rfc822_non_ascii_fail.pem")
	if err != nil {
		fmt.Println(err)
		return
	}
	block, _ := pem.Decode(raw)
	findings, err := zlintsmime.LintDER(block.Bytes)
	if err != nil {
		fmt.Println("cannot lint:", err)
		return
	}
	for _, f := range findings {
		fmt.Printf("%s %s\n", f.Status, f.Lint)
	}
	// Output:
	// error e_smimelint_rfc822name_non_ascii
}

// ExampleLintCRLDER lints one DER CRL of an S/MIME CA: here a CRL of CA
// certificates only (onlyContainsCACerts) that puts one on hold.
func ExampleLintCRLDER() {
	raw, err := os.ReadFile("testdata/oth22_crl_ca_hold_fail.pem")
	if err != nil {
		fmt.Println(err)
		return
	}
	block, _ := pem.Decode(raw)
	findings, err := zlintsmime.LintCRLDER(block.Bytes)
	if err != nil {
		fmt.Println("cannot lint:", err)
		return
	}
	for _, f := range findings {
		fmt.Printf("%s %s\n", f.Status, f.Lint)
	}
	// Output:
	// error e_smimelint_crl_ca_certificate_hold
}
