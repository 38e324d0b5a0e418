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

// ExampleNewLinter lints a Cross Certificate, which the certificate alone
// cannot show: the setting belongs to this Linter, and plain LintDER calls
// elsewhere in the process still lint it as an ordinary subordinate CA.
func ExampleNewLinter() {
	raw, err := os.ReadFile("testdata/ekucross_no_eku_reserved_policy_pass.pem")
	if err != nil {
		fmt.Println(err)
		return
	}
	block, _ := pem.Decode(raw)
	cross, err := zlintsmime.NewLinter(zlintsmime.Options{CrossCertificate: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	asCross, _ := cross.LintDER(block.Bytes)
	asSubCA, _ := zlintsmime.LintDER(block.Bytes)
	fmt.Println("as a Cross Certificate:", len(asCross), "findings")
	for _, f := range asSubCA {
		fmt.Printf("as a subordinate CA: %s %s\n", f.Status, f.Lint)
	}
	// Output:
	// as a Cross Certificate: 0 findings
	// as a subordinate CA: error e_smimelint_subca_eku
}
