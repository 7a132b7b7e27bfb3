"""Who may write news, cases, cultivation lists and purchase links.

Rules only, no model permissions in the database: a county official's group grants
nothing here, so an official without a county is refused everywhere.

Provincial administrators: everything. County officials: articles and cultivation
entries of their own county only (objects of another county are outside their
selectors too, so views answer 404). Enterprise users: purchase links of their own
products, added only while the product holds a valid certificate.
"""

import rules

from accounts.rules import is_county_official, is_enterprise_user, is_provincial_admin


@rules.predicate
def has_county(user) -> bool:
    return bool(user and user.is_authenticated and user.county_id)


@rules.predicate
def is_own_county(user, obj) -> bool:
    """The article or cultivation entry belongs to the official's county.

    Without an object (the admin asking whether to open a model's list) the answer is
    yes: which objects are listed is the selectors' business.
    """
    if obj is None:
        return True
    return user.county_id is not None and obj.county_id == user.county_id


@rules.predicate
def owns_product(user, obj) -> bool:
    """The product (or the purchase link's product) is of the user's enterprise."""
    return (
        obj is not None
        and user.enterprise_id is not None
        and obj.enterprise_id == user.enterprise_id
    )


@rules.predicate
def product_has_valid_certificate(user, product) -> bool:
    from .selectors import has_valid_certificate

    return product is not None and has_valid_certificate(product)


county_editor = is_county_official & has_county
editor = is_provincial_admin | county_editor
editor_of = is_provincial_admin | (county_editor & is_own_county)

# Opens the app in the admin.
rules.add_perm("promotion", editor)

rules.add_perm("promotion.add_article", editor)
for action in ("view", "change", "delete", "publish"):
    rules.add_perm(f"promotion.{action}_article", editor_of)

rules.add_perm("promotion.add_cultivationentry", editor)
for action in ("view", "change", "delete"):
    rules.add_perm(f"promotion.{action}_cultivationentry", editor_of)

# Asked with the product.
rules.add_perm(
    "promotion.add_purchaselink",
    is_enterprise_user & owns_product & product_has_valid_certificate,
)
# Asked with the link.
rules.add_perm(
    "promotion.delete_purchaselink", (is_enterprise_user & owns_product) | is_provincial_admin
)
rules.add_perm("promotion.view_purchaselink", is_provincial_admin)
rules.add_perm("promotion.change_purchaselink", rules.always_deny)
