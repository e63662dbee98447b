from . import (
    test_bundle_configuration,
    test_discount_approval,
    test_pricing,
    test_product_rules,
    test_promotions,
    test_quote_from_opportunity,
    test_quote_versions,
    test_rebate,
    test_sellable_scope,
    test_settings_and_security,
    test_tour_cpq,
)
