package lints

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/smimelint/zlint-smime/smime"
	"github.com/smimelint/zlint-smime/util"
)

// The policy qualifier rules are worded alike for subscriber certificates
// (SBR §7.1.2.3(a)) and subordinate CA certificates (§7.1.2.2(a), "CPS and
// userNotice as in OTH-14"), so both lints of each pair share a check; section
// names the paragraph in the details.

// checkCPSQualifiers reports the first id-qt-cps qualifier of c that is not
// an HTTP or HTTPS URL.
func checkCPSQualifiers(c *x509.Certificate, section string) *lint.LintResult {
	cp := &smime.Inspect(c).Policies
	for i := range cp.Policies {
		p := &cp.Policies[i]
		for _, q := range p.Qualifiers {
			if !q.ID.Equal(smime.OIDQualifierCPS) {
				continue
			}
			if q.Err != nil {
				return errorf("id-qt-cps qualifier of policy %s: %v (value %s); SBR %s says it SHALL be an "+
					"HTTP or HTTPS URL in an IA5String", p.Name(), q.Err, util.QuoteBytes(q.Value), section)
			}
			if problem := smime.HTTPURLProblem(string(q.Value)); problem != "" {
				return errorf("id-qt-cps qualifier of policy %s is %s, which %s; SBR %s says it SHALL be an "+
					"HTTP or HTTPS URL", p.Name(), util.QuoteBytes(q.Value), problem, section)
			}
		}
	}
	if cp.Err != nil {
		return errorf("certificatePolicies is malformed (%v), so the id-qt-cps qualifiers after the fault "+
			"cannot be checked", cp.Err)
	}
	return pass()
}

// checkUserNotices reports the first id-qt-unotice qualifier of c that lacks
// explicitText or holds a noticeRef.
func checkUserNotices(c *x509.Certificate, section string) *lint.LintResult {
	cp := &smime.Inspect(c).Policies
	for i := range cp.Policies {
		p := &cp.Policies[i]
		for _, q := range p.Qualifiers {
			if !q.ID.Equal(smime.OIDQualifierUserNotice) {
				continue
			}
			n := &q.Notice
			switch {
			case q.Err != nil:
				return errorf("id-qt-unotice qualifier of policy %s is malformed: %v; a UserNotice SHALL "+
					"contain explicitText and SHALL NOT contain noticeRef", p.Name(), q.Err)
			case n.HasNoticeRef:
				return errorf("id-qt-unotice qualifier of policy %s contains noticeRef (organization %s); "+
					"SBR %s says it SHALL NOT", p.Name(), n.NoticeRef.Organization, section)
			case !n.HasExplicit:
				return errorf("id-qt-unotice qualifier of policy %s contains no explicitText; SBR %s says it SHALL",
					p.Name(), section)
			}
		}
	}
	if cp.Err != nil {
		return errorf("certificatePolicies is malformed (%v), so the id-qt-unotice qualifiers after the fault "+
			"cannot be checked", cp.Err)
	}
	return pass()
}
