{
    "name": "LTC Reports",
    "summary": "Lead-to-Cash, stage 6: business and finance reports from one ledger",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "author": "LTC developers",
    "website": "https://github.com/ltc-odoo/ltc",
    "license": "LGPL-3",
    "depends": ["ltc_receivable", "report_xlsx"],
    "data": [
        "report/ltc_pipeline_xlsx.xml",
        "views/menus.xml",
    ],
    "installable": True,
}
