"""Post-certification supervision and brand protection (监管与品牌保护).

- 双随机、一公开: `SpotCheckPlan` commits to a random seed at creation (its SHA-256 is
  public), the draw freezes the pool and reveals the seed, `draw.run_draw` re-runs it
  (`verify_draw <plan id>`); closed plans are public at /supervision/spot-checks/.
- Spot checks record results, evidence and sanctions; sanctions go through the
  application's state machine (certification.services.application_transition).
- 年度监督: `SurveillanceAudit` per certificate and year; `surveillance` computes due dates.
- 侵权信息: `InfringementCase` (reported → investigating → confirmed | dismissed), public
  report form, public query page and the JSON/CSV feed under /api/v1/infringement-cases/.
- 互认: `RecognisedBrand` registry and `RecognisedCertificateCitation` on applications;
  `selectors.recognised_certificates_for_product` feeds public product pages.
"""
