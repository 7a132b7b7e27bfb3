"""The certification scope (认证范围) a certificate states, derived from the application.

The documents prescribe no wording for the scope. Until a certification body states one,
it is derived from what the application certifies: the product, its category and the
standard it was evaluated against, e.g. 寻乌富硒脐橙（富硒柑橘），按 T/JXGE 001-2024 评价.
It is stored on the certificate with the other snapshot fields, in the portal's language.
"""

SCOPE_MAX_LENGTH = 300


def certification_scope(*, product_name: str, category_name: str, standard_code: str) -> str:
    scope = f"{product_name}（{category_name}），按 {standard_code} 评价"
    if len(scope) > SCOPE_MAX_LENGTH:  # a 200-character name with a long category and code
        scope = scope[: SCOPE_MAX_LENGTH - 1] + "…"
    return scope
