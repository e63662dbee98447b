{
    "name": "LTC Leads",
    "summary": "Lead-to-Cash, stage 1: lead lifecycle, cleaning and dedup, grading, "
    "public lead pools with reclamation, customer pool",
    "version": "18.0.1.2.0",
    "category": "Sales/CRM",
    "author": "LTC developers",
    "website": "https://github.com/ltc-odoo/ltc",
    "license": "LGPL-3",
    "depends": ["crm"],
    "external_dependencies": {"python": ["python_calamine", "xlsxwriter"]},
    "data": [
        "security/ltc_lead_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "views/ltc_product_line_views.xml",
        "views/ltc_lead_pool_views.xml",
        "views/crm_lead_views.xml",
        "views/res_partner_views.xml",
        "views/ltc_lead_import_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/ltc_lead_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "ltc_lead/static/src/js/*.js",
            "ltc_lead/static/src/scss/*.scss",
        ],
        "web.assets_tests": [
            "ltc_lead/static/tests/tours/*.js",
        ],
    },
    "application": True,
    "installable": True,
}
