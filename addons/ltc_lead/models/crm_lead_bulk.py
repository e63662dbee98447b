import io
import json

import psycopg2.extensions
from psycopg2.extras import Json

from odoo import Command, _, api, models, tools
from odoo.addons.iap.tools import iap_tools
from odoo.addons.mail.tools import mail_validation
from odoo.addons.phone_validation.tools import phone_validation
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools import mail as mail_tools
from odoo.tools.safe_eval import safe_eval

try:
    import phonenumbers
except ImportError:  # phone_validation then formats nothing: the ORM's path is taken
    phonenumbers = None

# computed fields of crm.lead synced from the customer: a lead created in bulk has none, so given
# values stay (tests/test_bulk_create.py compares every stored field with the ORM's create)
PARTNER_SYNCED = ("contact_name", "partner_name", "email_from", "phone", "function", "title", "mobile", "website",
                  "lang_id", "street", "street2", "zip", "city", "state_id", "country_id")

# PostgreSQL's COPY text format: backslash escapes for the characters that delimit it
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value):
    """A column value (None is NULL) in COPY's text format."""
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    return str(value)


def _copy_column(cells):
    """The values of one column in COPY's text format: by the column's value types, not cell by cell."""
    types = set(map(type, cells))
    if types == {type(None)}:
        return ["\\N"] * len(cells)
    if types <= {str, type(None)}:
        return ["\\N" if cell is None else cell.translate(_COPY_ESCAPES) for cell in cells]
    if types <= {int, float, type(None)}:
        return ["\\N" if cell is None else str(cell) for cell in cells]
    return [_copy_text(cell) for cell in cells]


class CrmLead(models.Model):
    _inherit = "crm.lead"

    @api.model
    def _ltc_bulk_create(self, vals_list):
        """Create many leads without a customer in one INSERT — the XLSX import's path.

        `vals_list`: values of stored fields of leads (type lead, no partner_id, no recurring revenue;
        x2many only as links to existing records). What the ORM's create does besides the INSERT is
        done for the whole list at once:
        - defaults are read once;
        - the stored computed fields of crm and ltc_lead are filled in one pass by
          `_ltc_bulk_precompute`, probabilities by crm's own scoring (`_ltc_bulk_probabilities`), all
          before the INSERT; every other stored computed field (downstream addons) is computed by its
          own method, in batch;
        - constraints are checked, fields depending on the new leads are told (modified);
        - `_ltc_after_bulk_create` runs: the hook where an addon puts what its `create` override does.
        Mail side effects are the import's (no log message, no follower, no tracking).
        """
        self.check_access("create")
        if not vals_list:
            return self.browse()
        defaults = self._add_missing_default_values({})
        if any(vals.get("partner_id") or vals.get("recurring_revenue") or vals.get("type", defaults.get("type")) != "lead"
               for vals in vals_list):
            raise UserError(_("Opportunities, and leads with a customer or recurring revenue, are created one by "
                              "one, not in bulk."))
        now = self.env.cr.now()
        # x2many values: set commands, one list per row
        m2m = {name: [vals.get(name) or [] for vals in vals_list]
               for name in {n for vals in vals_list for n in vals if self._fields[n].type == "many2many"}}
        rows = []
        memo = {}  # records shared by the rows (countries, companies)
        for vals in vals_list:
            row = dict(defaults)
            row.update(vals)
            for name in [n for n in row if self._fields[n].type in ("many2many", "one2many")]:
                row.pop(name)
            self._ltc_bulk_precompute(row, now, memo)
            rows.append(row)
        # ids from the table's sequence first, so that probabilities go into the INSERT (no UPDATE)
        ids = [id_ for id_, in self.env.execute_query(SQL(
            "SELECT nextval('crm_lead_id_seq') FROM generate_series(1, %s)", len(rows)))]
        leads = self.browse(ids)
        leads._ltc_bulk_probabilities(rows, m2m.get("tag_ids"))
        for id_, row in zip(ids, rows, strict=True):
            row["id"] = id_
        columns = sorted({name for row in rows for name in row if self._fields[name].column_type})
        arrays = self._ltc_bulk_arrays(rows, columns)
        # scoring rules matched before the INSERT, on the very values it stores: no UPDATE of every
        # new row after it (crm_lead's indexes maintained twice)
        scored = self._ltc_bulk_scores(rows, columns, arrays, m2m)
        if scored:
            extra = sorted({name for row in rows for name in row if self._fields[name].column_type} - set(columns))
            columns += extra
            arrays += self._ltc_bulk_arrays(rows, extra)
        self._ltc_bulk_copy(columns, arrays, now)
        for name, commands_list in m2m.items():
            field = self._fields[name]
            if any(command[0] not in (4, 6) for commands in commands_list for command in commands):
                raise UserError(_("Only links to existing records can be given to a bulk create."))
            pairs = [(lead_id, target) for lead_id, commands in zip(ids, commands_list, strict=True)
                     for command in commands for target in (command[2] if command[0] == 6 else [command[1]])]
            if pairs:
                self.env.execute_query(SQL(
                    "INSERT INTO %s (%s, %s) SELECT * FROM unnest(%s::int[], %s::int[]) ON CONFLICT DO NOTHING",
                    SQL.identifier(field.relation), SQL.identifier(field.column1), SQL.identifier(field.column2),
                    [p[0] for p in pairs], [p[1] for p in pairs]))
        # as the ORM's create: given values of computed fields are kept, with the fields their method
        # computes; every other stored computed field is computed by its method
        given = {name for row in rows for name in row if name != "id"} | set(m2m)
        protected = set()
        for name in given:
            field = self._fields[name]
            if field.compute:
                protected.update(self.pool.field_computed.get(field, [field]))
        with self.env.protecting(protected, leads):
            for field in self._fields.values():
                if field.store and field.compute and field not in protected:
                    self.env.add_to_compute(field, leads)
            leads.modified(self._fields, create=True)
        leads._validate_fields(given)
        leads.check_access("create")  # record rules on the new leads, as the ORM's create checks them
        leads._ltc_after_bulk_create()
        return leads

    @api.model
    def _ltc_bulk_arrays(self, rows, columns):
        """One array per column of `columns`, as the ORM would convert the values (False is NULL); a
        value the ORM passes through unchanged is not converted; jsonb as text (cast in SQL)."""
        plain = {name for name in columns if self._fields[name].type in (
            "char", "text", "integer", "many2one", "selection", "datetime", "date")}
        arrays = []
        for name in columns:
            field = self._fields[name]
            if name in plain:
                cells = [None if row.get(name) is False else row.get(name) for row in rows]
            elif field.type == "boolean":
                cells = [bool(row.get(name)) for row in rows]
            elif field.type == "monetary" and not self._ltc_row_gives_currency(field, columns):
                # what Monetary.convert_to_column_insert does on the model (no record, hence no currency)
                cells = [float(row.get(name) or 0.0) for row in rows]
            else:
                cells = [field.convert_to_column_insert(row.get(name, False), self, row) for row in rows]
            if field.column_type[0] == "jsonb":  # sent as text, cast in the SELECT
                cells = [json.dumps(cell.adapted) if isinstance(cell, Json) else cell for cell in cells]
            arrays.append(cells)
        return arrays

    @api.model
    def _ltc_bulk_copy(self, columns, arrays, now):
        """Write the rows (one array of column values per column, as `_ltc_bulk_arrays` gives them)
        into crm_lead with COPY, as Odoo's own export writes ir_model_data (`__ensure_xml_id`): the
        values travel in PostgreSQL's text format. An INSERT of the same arrays costs psycopg2 one
        quoted literal per cell and PostgreSQL one constant to parse per cell — most of its time.
        Triggers (foreign keys), constraints and indexes apply as to an INSERT."""
        texts = [_copy_column(cells) for cells in arrays]
        meta = "\t" + "\t".join([str(self.env.uid), str(self.env.uid), str(now), str(now)])
        data = io.StringIO("".join("\t".join(row) + meta + "\n" for row in zip(*texts, strict=True)))
        # as in __ensure_xml_id: the wait callback of a gevent worker does not support COPY
        callback = psycopg2.extensions.get_wait_callback()
        psycopg2.extensions.set_wait_callback(None)
        try:
            self.env.cr.copy_expert(SQL(
                "COPY crm_lead (%s, create_uid, write_uid, create_date, write_date) FROM STDIN",
                SQL(", ").join(SQL.identifier(name) for name in columns)).code, data)
        finally:
            psycopg2.extensions.set_wait_callback(callback)

    @api.model
    def _ltc_bulk_unnest(self, columns, arrays):
        """(unnest(…) of the arrays, its column aliases c0, c1 …, the aliases cast to the columns' types)."""
        unnest = SQL(", ").join(
            SQL("%s::text[]", cells) if self._fields[name].column_type[0] == "jsonb"
            else SQL("%s::%s[]", cells, SQL(self._fields[name].column_type[1]))
            for name, cells in zip(columns, arrays, strict=True))
        aliases = SQL(", ").join(SQL.identifier(f"c{i}") for i in range(len(columns)))
        casts = SQL(", ").join(
            SQL("%s::jsonb", SQL.identifier(f"c{i}")) if self._fields[name].column_type[0] == "jsonb"
            else SQL.identifier(f"c{i}") for i, name in enumerate(columns))
        return unnest, aliases, casts

    @api.model
    def _ltc_bulk_scores(self, rows, columns, arrays, m2m):
        """Score the rows before they are inserted, as `_compute_ltc_score` scores saved leads: each
        rule's domain is turned into SQL by the ORM (sudo, archived leads included) and run on the
        rows about to be inserted — in the query, a WITH named crm_lead (and one per many2many
        relation given) holds them, so the ORM's own conditions read exactly the values the INSERT
        will store. Fills ltc_score, ltc_grade, is_key_lead and score_rule_ids into the rows/m2m.
        Returns False (nothing filled: the compute runs after the INSERT, as before) when a row gives
        those fields or a rule reads a field that is not a plain stored column or relation."""
        if any(name in row for row in rows[:1] for name in ("ltc_score", "ltc_grade", "score_rule_ids",
                                                            "is_key_lead")):
            return False
        Rule = self.env["ltc.lead.scoring.rule"].sudo()
        default_company = self.env.company.id
        companies = {row.get("company_id") or default_company for row in rows}
        rules = {company_id: Rule.search([("company_id", "=", company_id)]) for company_id in companies}
        domains = {rule: safe_eval(rule.domain) for company_rules in rules.values() for rule in company_rules}
        read = {"id"}  # the columns the rules read: only they are sent (the statement's size is its cost)
        for domain in domains.values():
            for leaf in domain:
                if not isinstance(leaf, (list, tuple)) or len(leaf) != 3:
                    continue
                field = self._fields.get(str(leaf[0]).split(".")[0])
                if not field or not field.store or not (field.column_type or field.type in ("many2many",
                                                                                            "one2many")):
                    return False
                read.add(field.name)
        index = {name: i for i, name in enumerate(columns)}
        sent = [name for name in columns if name in read]
        selected = []
        for name, field in self._fields.items():
            if not (field.store and field.column_type):
                continue
            if name in sent:
                cell = SQL.identifier(f"c{sent.index(name)}")
                if field.column_type[0] == "jsonb":
                    cell = SQL("%s::jsonb", cell)
            elif name in ("create_uid", "write_uid"):
                cell = SQL("%s::int4", self.env.uid)
            elif name in ("create_date", "write_date"):
                cell = SQL("%s::timestamp", self.env.cr.now())
            else:
                cell = SQL("NULL::%s", SQL(field.column_type[1]))
            selected.append(SQL("%s AS %s", cell, SQL.identifier(name)))
        unnest, aliases, __ = self._ltc_bulk_unnest(sent, [arrays[index[name]] for name in sent])
        ids = [row["id"] for row in rows]
        ctes = [SQL("crm_lead AS MATERIALIZED (SELECT %s FROM unnest(%s) AS t(%s))", SQL(", ").join(selected),
                    unnest, aliases)]
        for name, commands_list in m2m.items():
            field = self._fields[name]
            pairs = [(lead_id, target) for lead_id, commands in zip(ids, commands_list, strict=True)
                     for command in commands if command[0] in (4, 6)
                     for target in (command[2] if command[0] == 6 else [command[1]])]
            ctes.append(SQL("%s AS MATERIALIZED (SELECT * FROM unnest(%s::int4[], %s::int4[]) AS r(%s, %s))",
                            SQL.identifier(field.relation), [p[0] for p in pairs], [p[1] for p in pairs],
                            SQL.identifier(field.column1), SQL.identifier(field.column2)))
        Lead = self.sudo().with_context(active_test=False)
        matched = dict.fromkeys(ids, Rule)
        company_of = {row["id"]: row.get("company_id") or default_company for row in rows}
        # one statement for every rule: the rows are built once
        selects = [SQL("SELECT %s, q.id FROM (%s) q", rule.id, Lead._search(domains[rule]).select(
                       SQL.identifier("crm_lead", "id"))) for company_rules in rules.values() for rule in company_rules]
        if selects:
            by_id = {rule.id: rule for company_rules in rules.values() for rule in company_rules}
            hits = self.env.execute_query(SQL("WITH %s %s", SQL(", ").join(ctes), SQL(" UNION ALL ").join(selects)))
            for rule_id, lead_id in hits:
                if company_of[lead_id] == by_id[rule_id].company_id.id:
                    matched[lead_id] |= by_id[rule_id]
        companies = {company_id: self.env["res.company"].browse(company_id) for company_id in companies}
        m2m["score_rule_ids"] = []
        for row in rows:
            rules_matched = matched[row["id"]]
            score = sum(rules_matched.mapped("points"))
            row["ltc_score"] = score
            row["ltc_grade"] = self._ltc_grade_for(score, companies[company_of[row["id"]]])
            row["is_key_lead"] = row["ltc_grade"] == "A"
            m2m["score_rule_ids"].append([Command.set(rules_matched.ids)] if rules_matched else [])
        return True

    @api.model
    def _ltc_row_gives_currency(self, field, columns):
        currency_name = field.get_currency_field(self)
        related = self._fields[currency_name].related
        return currency_name in columns or bool(related and related.split(".")[0] in columns)

    @api.model
    def _ltc_bulk_precompute(self, row, now, memo=None):
        """Fill in `row` (a new lead's values, no customer) what the compute methods of crm, mail,
        phone_validation and ltc_lead would store, calling the same tools they call. `memo`: a dict
        kept across the rows of one bulk create (countries and companies they share)."""
        memo = {} if memo is None else memo
        for name in PARTNER_SYNCED:  # nothing to sync from a customer: given values stay
            row.setdefault(name, False)
        email, phone = row.get("email_from"), row.get("phone")
        company = memo.get(("company", row.get("company_id")))
        if company is None:
            company = memo[("company", row.get("company_id"))] = (
                self.env["res.company"].browse(row["company_id"]) if row.get("company_id") else self.env.company)
        country = False
        if row.get("country_id"):
            country = memo.get(("country", row["country_id"]))
            if country is None:
                country = memo[("country", row["country_id"])] = self.env["res.country"].browse(row["country_id"])
        # mail.thread.blacklist, crm: unless the caller has them (the import, which reads the address once)
        if "email_normalized" not in row:
            row.update(self._ltc_email_values(email))
        # phone_validation, crm: phone_sanitized (mobile, then phone; the current company's country
        # when the lead has none), phone_state (the phone, the lead's country); one parse when both read the
        # same number with the same country, as phonenumbers gives the same answer twice
        number = row.get("mobile") or phone
        state_code = country.code if country and country.code else None
        format_country = country or self.env.company.country_id
        parsed = None  # the phone parsed with the lead's country: its number, or False (cannot be parsed)
        if phone:
            try:
                parsed = phone_validation.phone_parse(phone, state_code) or False
            except UserError:
                parsed = False
        row["phone_state"] = False if parsed is None else "correct" if parsed else "incorrect"
        if number and number == phone and format_country and (format_country.code or None) == state_code \
                and phonenumbers:
            row["phone_sanitized"] = parsed and phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        else:
            row["phone_sanitized"] = self._phone_format(number=number, country=country) if number else False
        # crm: dates and recurring revenue
        row["date_open"] = now if row.get("user_id") else False
        row["day_open"] = 0.0 if row.get("user_id") else False
        row["day_close"] = False
        row["date_last_stage_update"] = now
        row["recurring_revenue_monthly"] = row["recurring_revenue_monthly_prorated"] = 0.0
        row["recurring_revenue_prorated"] = 0.0
        row["prorated_revenue"] = 0.0  # no probability until _ltc_bulk_probabilities gives one
        # ltc_lead: dedup keys (unless the caller already has them) and lifecycle figures; score and
        # grade are computed by their method for the whole list after the INSERT
        if "email_key" not in row:
            row.update(self._prepare_dedup_keys_vals(
                email=email, phone=phone, mobile=row.get("mobile"), company=row.get("partner_name"),
                contact=row.get("contact_name"), project=row.get("name"), country=country or company.country_id))
        row["first_response_hours"] = 0.0
        row["is_converted"] = 1.0 if row.get("lifecycle_state") == "converted" else 0.0
        return row

    @api.model
    def _ltc_email_values(self, email):
        """email_normalized, email_domain_criterion and email_state of a new lead with this email_from,
        as mail (mail.thread.blacklist) and crm compute them, by the same tools; the import calls it
        once per row for these fields and the dedup key. email_normalize(email, strict=False) is
        _normalize_email of the address's first part: one split gives it."""
        parts = tools.email_split(email) if email else []
        normalized = mail_tools._normalize_email(parts[0]) if parts else False
        state = False
        if email:
            state = "incorrect"
            if any(mail_validation.mail_validate(part) for part in parts):
                state = "correct"
        return {"email_normalized": normalized, "email_state": state,
                "email_domain_criterion": iap_tools.mail_prepare_for_domain_search(normalized) if normalized else False}

    def _ltc_bulk_probabilities(self, rows, tag_commands=None):
        """Probability of the new leads `self` (ids reserved, rows not inserted yet) by crm's own naive
        Bayes scoring, fed with the rows' values in the form crm reads them from records; the rows get
        probability, automated probability and prorated revenue as `_compute_probabilities` and
        `_compute_prorated_revenue` would give them."""
        pls_fields = ["stage_id", "team_id", *self._pls_get_safe_fields()]
        pls_values = []
        for index, (lead_id, row) in enumerate(zip(self.ids, rows, strict=True)):
            values = tuple((field, row.get(field)) for field in pls_fields if field not in ("team_id", "tag_ids")
                           and (row.get(field) or field in ("email_state", "phone_state")))
            if "tag_ids" in pls_fields and tag_commands:
                values += tuple(("tag_id", tag_id) for command in tag_commands[index] for tag_id in command[2])
            pls_values.append((lead_id, row.get("team_id") or False, values))
        probabilities = self.with_context(ltc_pls_values=tuple(pls_values))._pls_get_naive_bayes_probabilities()
        currencies = {}
        for lead_id, row in zip(self.ids, rows, strict=True):
            probability = probabilities.get(lead_id)
            if probability is None:
                continue
            row["automated_probability"] = probability
            if row.get("active", True):
                row["probability"] = probability
                company_id = row.get("company_id")
                if company_id not in currencies:
                    currencies[company_id] = (self.env["res.company"].browse(company_id).currency_id
                                              or self.env.company.currency_id)
                row["prorated_revenue"] = currencies[company_id].round(
                    round((row.get("expected_revenue") or 0.0) * probability / 100.0, 2))

    def _pls_get_lead_pls_values(self, domain=None):
        """Values given by `_ltc_bulk_probabilities` for leads not inserted yet."""
        given = self.env.context.get("ltc_pls_values")
        if given is not None and not domain:
            return {lead_id: {"values": list(values), "team_id": team_id} for lead_id, team_id, values in given}
        return super()._pls_get_lead_pls_values(domain=domain or [])

    def _ltc_after_bulk_create(self):
        """What `create` overrides do, done for leads created by `_ltc_bulk_create`: extend it wherever
        `create` is extended."""
        self.flush_recordset()
