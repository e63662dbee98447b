{
    "name": "LTC Opportunities",
    "summary": "Lead-to-Cash, stage 2: iron triangle, registration and conflict ruling, "
    "stage gates, decision points, forecast",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "author": "LTC developers",
    "website": "https://github.com/ltc-odoo/ltc",
    "license": "LGPL-3",
    "depends": ["ltc_lead", "base_tier_validation"],
    "data": [
        "views/menus.xml",
    ],
    "installable": True,
}
