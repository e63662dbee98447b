{
    "name": "LTC CPQ",
    "summary": "Lead-to-Cash, stage 3: configure, price, quote — bundles and rules, sellable scope, "
    "rebates, quote versions, tiered discount approval",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "author": "LTC developers",
    "website": "https://github.com/ltc-odoo/ltc",
    "license": "LGPL-3",
    "depends": ["ltc_opportunity", "sale_crm", "sale_management", "sale_loyalty", "sale_tier_validation"],
    "data": [
        "security/ltc_cpq_security.xml",
        "security/ir.model.access.csv",
        "data/product_data.xml",
        "data/tier_definition_data.xml",
        "views/product_template_views.xml",
        "views/ltc_product_rule_views.xml",
        "views/ltc_sellable_scope_views.xml",
        "views/ltc_rebate_agreement_views.xml",
        "views/ltc_quote_version_views.xml",
        "views/sale_order_views.xml",
        "views/sale_portal_templates.xml",
        "views/res_config_settings_views.xml",
        "wizard/ltc_bundle_configurator_views.xml",
        "wizard/ltc_quote_revise_wizard_views.xml",
        "wizard/ltc_rebate_redeem_wizard_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/ltc_cpq_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "ltc_cpq/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
