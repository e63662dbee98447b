{
    "name": "LTC Key Accounts and Field Visits",
    "summary": "Lead-to-Cash: customer grading, account plans, visit plans by grade, "
               "check-in / check-out visits that count as follow-up",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "author": "LTC developers",
    "website": "https://github.com/ltc-odoo/ltc",
    "license": "LGPL-3",
    "depends": ["ltc_reports"],
    "data": [
        "security/ltc_key_account_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "views/ltc_visit_type_views.xml",
        "views/ltc_visit_views.xml",
        "views/ltc_account_grade_rule_views.xml",
        "views/ltc_visit_frequency_views.xml",
        "views/ltc_account_plan_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/ltc_dashboard_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/ltc_key_account_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "ltc_key_account/static/src/js/visit_check_in.js",
            "ltc_key_account/static/src/xml/visit_check_in.xml",
        ],
        "web.assets_tests": [
            "ltc_key_account/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
