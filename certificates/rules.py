"""Who may download a certificate's PDF (the public sees the facts on /verify/)."""

import rules

from certification.rules import body_reviewer, enterprise_owner, supervisor

# Asked with the certificate's application: the owner enterprise, the assigned body's
# reviewers (without a conflict), supervisors and provincial administrators.
rules.add_perm("certificates.download_certificate", enterprise_owner | body_reviewer | supervisor)
# Evidence sent with reports of fakes: supervisors and provincial administrators.
rules.add_perm("certificates.view_fakereport_evidence", supervisor)
