package smime

import "time"

// Dates on which SBR versions, ballots and their additional compliance dates
// took effect (SBR v1.0.16 §1.2.1). A rule applies to a certificate whose
// notBefore is on or after the date, at 00:00:00 UTC.
var (
	// SBRComplianceDate is the initial implementation date of SBR v1.0.0
	// (ballot SMC01, §1.2.1 second table). SmtpUTF8Mailbox values were then to
	// be "encoded in accordance with RFC 8398".
	SBRComplianceDate = date(2023, time.September, 1)

	// SMC06Date is the publication of SBR v1.0.4 (ballot SMC06), which added
	// the subject attribute dependencies of §7.1.4.2.2(j)–(m) and the
	// pseudonym/commonName rules of §7.1.4.2.2(a).
	SMC06Date = date(2024, time.May, 11)

	// VATArticle215Date is when the SBR first let a VAT Registration Scheme
	// identifier use the country prefix of Article 215 of Council Directive
	// 2006/112/EC (VATEL with countryName GR, VATXI with GB): SBR v1.0.4,
	// ballot SMC06, which resolved cabforum/smime issue #229 ("Use of EL
	// country code in VAT Registration Scheme for OrgID", milestone SMC06)
	// in the Appendix A note on Registration Schemes. SBR v1.0.9 (SMC011,
	// 2025-05-14) only moved that note into §7.1.4.2.2(d) as Note 1, which
	// is why v1.0.9 is sometimes named as its origin. Before v1.0.4, the
	// scheme's country code SHALL match subject:countryName, no exception.
	VATArticle215Date = SMC06Date

	// SMC08RFC9598Date is the publication of SBR v1.0.6 (ballot SMC08), from
	// which §7.1.4.2.1 requires SmtpUTF8Mailbox "encoded in accordance with
	// RFC 9598" (A-labels) instead of RFC 8398 (U-labels).
	SMC08RFC9598Date = date(2024, time.August, 29)

	// SMC011EUIDDate is the publication of SBR v1.0.9 (ballot SMC011), which
	// rewrote the organizationIdentifier structure of §7.1.4.2.2(d) and added
	// the EUID form of NTR references.
	SMC011EUIDDate = date(2025, time.May, 14)

	// SMC08LegacyBanDate is the date from which "S/MIME Subscriber
	// Certificates SHALL NOT be issued using the Legacy Generation profiles"
	// (ballot SMC08, SBR v1.0.6, §7.1.6.1 and §1.2.1).
	SMC08LegacyBanDate = date(2025, time.July, 15)

	// SMC013PQCDate is the publication of SBR v1.0.11 (ballot SMC013), which
	// admitted ML-DSA and ML-KEM keys and encodings (§6.1.5, §7.1.3) and their
	// keyUsage rules (§7.1.2.3(e)).
	SMC013PQCDate = date(2025, time.August, 22)

	// SMC016SHA1SunsetDate is the date from which "the CA SHALL NOT sign a
	// certificate using a signature algorithm that incorporates SHA-1"
	// (ballot SMC016, SBR v1.0.14, §7.1.3.1.1).
	SMC016SHA1SunsetDate = date(2026, time.September, 15)

	// SMC017CARSA4096Date is the date from which RSA keys of Root, Subordinate
	// and Cross Certificates signed on or after it are at least 4096 bits
	// (ballot SMC017v2, SBR v1.0.15, §6.1.5).
	SMC017CARSA4096Date = date(2026, time.September, 15)

	// SMC017IssuerRSA3072Date is the date from which no S/MIME subscriber
	// certificate is issued from a CA whose RSA key is under 3072 bits
	// (ballot SMC017v2, SBR v1.0.15, §6.1.5).
	SMC017IssuerRSA3072Date = date(2027, time.September, 15)

	// SMC018EKURealignmentDate is the date from which Multipurpose and Legacy
	// subscriber certificates and S/MIME subordinate CA certificates carry
	// only id-kp-emailProtection and optionally id-kp-clientAuth (ballot
	// SMC018, SBR v1.0.16, §7.1.2.2(g) and §7.1.2.3(f)).
	SMC018EKURealignmentDate = date(2027, time.July, 1)

	// SMC018PublishedDate is when SBR v1.0.16 (ballot SMC018) was published
	// and took effect for the sentences it added without a later date, such
	// as the non-dedicated hierarchy rule of Cross Certificates
	// (§7.1.2.2(g), implementing CCADB Policy §6.3).
	SMC018PublishedDate = date(2026, time.September, 28)
)

// MozillaECDSASignatureDate is when upstream zlint's
// e_mp_ecdsa_signature_encoding_correct (Mozilla Root Store Policy §5.1.2)
// starts checking that an ECDSA signature algorithm fits the signing curve;
// the library checks the same pairing for S/MIME certificates before it.
var MozillaECDSASignatureDate = date(2025, time.March, 15)

func date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
