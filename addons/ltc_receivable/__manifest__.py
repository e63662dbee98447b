{
    "name": "LTC Receivables",
    "summary": "Lead-to-Cash, stage 5: payment plans whose receivables are posted invoices",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "author": "LTC developers",
    "website": "https://github.com/ltc-odoo/ltc",
    "license": "LGPL-3",
    "depends": ["ltc_contract", "account"],
    "data": [
        "security/ltc_receivable_security.xml",
        "security/ir.model.access.csv",
        "views/account_move_views.xml",
        "views/menus.xml",
    ],
    "installable": True,
}
