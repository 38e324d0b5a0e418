package lints

import (
	"regexp"
	"sort"

	"github.com/zmap/zlint/v3/lint"
	// The recommended profile names upstream lints, so they must be
	// registered wherever the profile is.
	_ "github.com/zmap/zlint/v3/lints/cabf_smime_br"
	_ "github.com/zmap/zlint/v3/lints/community"
	_ "github.com/zmap/zlint/v3/lints/mozilla"
	_ "github.com/zmap/zlint/v3/lints/rfc"
)

// NameRule is the naming rule of the library's lints: a severity prefix that
// matches the only non-pass status the lint returns, then the project tag
// "smimelint", which upstream zlint never uses, then the rule.
var NameRule = regexp.MustCompile(`^[enw]_smimelint_[a-z0-9_]+$`)

// ProfileName is the name of the zlint profile holding the recommended set
// (zlint -profile smimelint_recommended).
const ProfileName = "smimelint_recommended"

// Superseded lists the upstream lints that the recommended set leaves out
// because a lint of this library enforces the same rule correctly, with the
// reason and the citation.
var Superseded = map[string]string{
	"e_legacy_generation_deprecated": "replaced by e_smimelint_legacy_generation_subscriber: SBR v1.0.16 " +
		"§7.1.6.1 bans the Legacy profiles for S/MIME Subscriber Certificates only, and §7.1.6.3 lets " +
		"subordinate CA certificates carry reserved policy identifiers; the upstream lint also errors " +
		"on subordinate CA certificates with a Legacy policy",
	"e_invalid_spki_algoid": "replaced by e_smimelint_spki_algorithm_encoding: the same SBR v1.0.16 " +
		"§7.1.3.1 table, also run on S/MIME CA certificates that zlint's S/MIME pre-filter skips",
	"e_invalid_legacy_spki_algoid": "replaced by e_smimelint_spki_algorithm_encoding: the upstream lint " +
		"accepts ML-DSA and ML-KEM keys before 2025-08-22, when SBR v1.0.11 (ballot SMC013) first " +
		"permitted them in §7.1.3.1",
	"e_mailbox_validated_allowed_subjectdn_attributes": "covered for subscribers by upstream's " +
		"e_mailbox_validated_enforce_subject_field_restrictions (same attribute set, with details); the " +
		"upstream lint has no subscriber check, so it errors on every root or subordinate CA certificate " +
		"with a Mailbox-validated reserved policy, although a CA subject must hold organizationName and " +
		"countryName (SBR v1.0.16 §7.1.4.3.1) and §7.1.6.3 allows reserved policies in CA certificates",
	"e_registration_scheme_id_matches_subject_country": "replaced by e_smimelint_orgid_country_mismatch: " +
		"SBR v1.0.16 §7.1.4.2.2(d) Note 1 lets VAT identifiers use the Article 215 prefixes, so VATEL with " +
		"C=GR and VATXI with C=GB are right, yet the upstream lint reports an Error for them; it also skips " +
		"LEI (which must use XG) and subjectAltName directoryName entries",
	"e_mailbox_address_shall_contain_an_rfc822_name": "replaced by e_smimelint_subject_mailbox_not_in_san: " +
		"SBR v1.0.16 §7.1.4.2.1 requires every Mailbox Address of the subject and directoryName entries, " +
		"commonName included in every certificate type, to be repeated in the SAN, compared as RFC 9598 §5 " +
		"says; the upstream lint looks at commonName in Mailbox-validated certificates only and compares " +
		"exact strings, so a domain written in another case is an Error",
	"e_smime_strict_aia_shall_have_http_only": "replaced by e_smimelint_subscriber_aia_http_only: SBR " +
		"v1.0.16 §7.1.2.3(c) requires every id-ad-ocsp and id-ad-caIssuers accessLocation of a Strict or " +
		"Multipurpose certificate to be an HTTP URI; the upstream lint reads zcrypto's URI lists only, so " +
		"a directoryName or other non-URI location passes, and it gives no details",
	"e_smime_strict_eku_check": "replaced by e_smimelint_strict_eku: SBR v1.0.16 §7.1.2.3(f) forbids " +
		"every KeyPurposeId other than id-kp-emailProtection in Strict; the upstream lint ignores the ones " +
		"zcrypto does not know (c.UnknownExtKeyUsage, e.g. id-kp-documentSigning) and gives no details",
}

// Companions lists the upstream lints of other sources that enforce an SBR
// rule, with the rule. The recommended set runs them so that it checks the
// SBR completely; the framework does not filter them to S/MIME
// certificates, so they also report on the other certificates they see.
var Companions = map[string]string{
	"e_mp_modulus_must_be_2048_bits_or_more":           "SBR §6.1.5: RSA modulus at least 2048 bits (KEY-01)",
	"e_mp_modulus_must_be_divisible_by_8":              "SBR §6.1.5: RSA modulus size divisible by 8 (KEY-01)",
	"e_mp_ecdsa_pub_key_encoding_correct":              "SBR §6.1.5, §7.1.3.1.2: ECDSA key encodings (KEY-04)",
	"e_mp_rsassa-pss_in_spki":                          "SBR §6.1.5, §7.1.3.1: no RSASSA-PSS key OID (KEY-08)",
	"e_prohibit_dsa_usage":                             "SBR §6.1.5: no DSA keys (KEY-08)",
	"e_mp_exponent_cannot_be_one":                      "SBR §6.1.6: RSA exponent odd and at least 3 (KEY-09)",
	"e_rsa_exp_negative":                               "SBR §6.1.6: RSA exponent odd and at least 3 (KEY-09)",
	"e_cert_sig_alg_not_match_tbs_sig_alg":             "RFC 5280 §4.1.1.2: signatureAlgorithm equals tbsCertificate.signature (ALG-SIG-02)",
	"e_mp_ecdsa_signature_encoding_correct":            "SBR §7.1.3.2.2: ECDSA signature algorithm matches the signing key (ALG-SIG-03)",
	"e_subj_country_not_uppercase":                     "SBR §7.1.4.2.2(n): countryName is an ISO 3166-1 code (OTH-06)",
	"w_ext_crl_distribution_marked_critical":           "SBR §7.1.2.3(b): cRLDistributionPoints SHOULD NOT be critical (OTH-09)",
	"e_ext_aia_marked_critical":                        "SBR §7.1.2.2(c), §7.1.2.3(c): authorityInformationAccess SHALL NOT be critical (OTH-10, OTH-18)",
	"e_ext_subject_directory_attr_critical":            "SBR §7.1.2.3(j): subjectDirectoryAttributes not critical (OTH-13)",
	"w_ext_subject_key_identifier_missing_sub_cert":    "SBR §7.1.2.3(n): subjectKeyIdentifier SHOULD be present (OTH-15)",
	"e_ext_subject_key_identifier_critical":            "SBR §7.1.2.1(e), §7.1.2.2(i), §7.1.2.3(n): subjectKeyIdentifier SHALL NOT be critical (OTH-15, OTH-18, OTH-19)",
	"e_ext_san_not_critical_without_subject":           "SBR §7.1.2.3(h): subjectAltName critical when the subject is empty (OTH-16)",
	"e_serial_number_not_positive":                     "SBR §7.1: serial number greater than zero (OTH-17)",
	"e_serial_number_longer_than_20_octets":            "SBR §7.1: serial number less than 2^159 (OTH-17)",
	"e_path_len_constraint_improperly_included":        "SBR §7.1.2.3(d): no pathLenConstraint in subscriber certificates (OTH-11)",
	"e_basic_constraints_not_critical":                 "SBR §7.1.2.1(a), §7.1.2.2(d): CA basicConstraints critical (OTH-18, OTH-19)",
	"e_ext_authority_key_identifier_critical":          "SBR §7.1.2.2(h), §7.1.2.3(g): authorityKeyIdentifier not critical (OTH-15, OTH-18)",
	"e_ext_authority_key_identifier_no_key_identifier": "SBR §7.1.2.2(h), §7.1.2.3(g): authorityKeyIdentifier holds a keyIdentifier (OTH-15, OTH-18)",
	"e_ext_subject_key_identifier_missing_ca":          "SBR §7.1.2.1(e), §7.1.2.2(i): CA subjectKeyIdentifier present (OTH-18, OTH-19)",
}

// Ours returns the names of the library's certificate lints, sorted.
func Ours() []string {
	return oursAmong(lint.GlobalRegistry().CertificateLints().Names())
}

// OursCRL returns the names of the library's revocation-list lints (SBR
// §7.1.3.2 and §7.2.2 on CRLs), sorted.
func OursCRL() []string {
	return oursAmong(lint.GlobalRegistry().RevocationListLints().Names())
}

// oursAmong keeps the names that follow the library's naming rule; zlint
// returns names sorted, and the result stays so.
func oursAmong(names []string) []string {
	var ours []string
	for _, n := range names {
		if NameRule.MatchString(n) {
			ours = append(ours, n)
		}
	}
	return ours
}

// Metadata returns the metadata of a registered lint, certificate or
// revocation-list, or nil.
func Metadata(name string) *lint.LintMetadata {
	if l := lint.GlobalRegistry().CertificateLints().ByName(name); l != nil {
		return &l.LintMetadata
	}
	if l := lint.GlobalRegistry().RevocationListLints().ByName(name); l != nil {
		return &l.LintMetadata
	}
	return nil
}

// Recommended returns the names of the recommended set, sorted: every
// registered CABF_SMIME_BR lint (upstream's and ours) except the Superseded
// ones, and the Companions.
func Recommended() []string {
	var names []string
	for _, l := range lint.GlobalRegistry().CertificateLints().BySource(lint.CABFSMIMEBaselineRequirements) {
		if _, gone := Superseded[l.Name]; !gone {
			names = append(names, l.Name)
		}
	}
	for _, l := range lint.GlobalRegistry().RevocationListLints().BySource(lint.CABFSMIMEBaselineRequirements) {
		names = append(names, l.Name)
	}
	for name := range Companions {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// init registers the profile. Go runs a package's init functions in file-name
// order, so this file must sort after every lint_*.go file; a test checks that
// the profile holds every lint of the library.
func init() {
	lint.RegisterProfile(lint.Profile{
		Name: ProfileName,
		Description: "zlint-smime's recommended S/MIME set: upstream zlint's CABF_SMIME_BR lints " +
			"and zlint-smime's, without the upstream lints that zlint-smime supersedes, and the " +
			"upstream lints of other sources that enforce an SBR rule",
		Citation:  "CA/Browser Forum S/MIME Baseline Requirements v1.0.16",
		Source:    lint.CABFSMIMEBaselineRequirements,
		LintNames: Recommended(),
	})
}
