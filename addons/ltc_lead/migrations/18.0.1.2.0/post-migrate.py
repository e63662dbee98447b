"""18.0.1.2.0: the email key is the normalized address (no display name: '"Zhang San" <ZS@x.com>'
gave '"zhang san" <zs@x.com>', now 'zs@x.com') and the phone key is the mobile number, else the
phone. The keys of the leads with an address or a mobile number are computed again by the lead's
own method, in batches."""
from odoo import SUPERUSER_ID, api

BATCH_SIZE = 10000


def migrate(cr, version):
    if not version:
        return
    cr.execute("SELECT id FROM crm_lead WHERE NULLIF(email_from, '') IS NOT NULL OR NULLIF(mobile, '') IS NOT NULL"
               " ORDER BY id")
    ids = [row[0] for row in cr.fetchall()]
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    Lead = env["crm.lead"]
    fields = [Lead._fields[name] for name in ("email_key", "phone_key", "company_key", "contact_key", "project_key")]
    for start in range(0, len(ids), BATCH_SIZE):
        leads = Lead.browse(ids[start:start + BATCH_SIZE])
        for field in fields:
            env.add_to_compute(field, leads)
        leads.flush_recordset()
        env.invalidate_all()
