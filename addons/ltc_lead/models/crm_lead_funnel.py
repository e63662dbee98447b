from odoo import api, fields, models
from odoo.models import READ_GROUP_AGGREGATE, parse_read_group_spec
from odoo.tools import SQL

from .crm_lead_lifecycle import LIFECYCLE_STATES

LIFECYCLE_ORDER = {state: index for index, (state, __) in enumerate(LIFECYCLE_STATES)}


class CrmLead(models.Model):
    """Funnel figures: first response time without the leads nobody answered yet, and those still waiting."""

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    awaiting_response = fields.Integer(
        "Awaiting First Response", compute="_compute_awaiting_response", aggregator="sum",
        help="1 for an open lead assigned to a rep who has not followed it up yet: summed, how many wait.")
    waiting_hours = fields.Float(
        "Hours Waiting", compute="_compute_awaiting_response", aggregator="avg",
        help="Hours since assignment of a lead still awaiting its owner's first follow-up.")

    @api.depends("user_id", "date_open", "first_follow_up_date", "type", "lifecycle_state", "active")
    def _compute_awaiting_response(self):
        now = fields.Datetime.now()
        for lead in self:
            waiting = lead._is_awaiting_response()
            lead.awaiting_response = 1 if waiting else 0
            lead.waiting_hours = (now - lead.date_open).total_seconds() / 3600.0 if waiting else 0.0

    def _is_awaiting_response(self):
        self.ensure_one()
        return bool(self.active and self.type == "lead" and self.lifecycle_state in ("raw", "mql", "sql")
                    and self.user_id and self.date_open and not self.first_follow_up_date)

    def _awaiting_response_sql(self, query):
        """SQL twin of _is_awaiting_response."""
        def col(fname):
            return self._field_to_sql(self._table, fname, query)
        return SQL(
            "(%s AND %s = 'lead' AND %s IN ('raw', 'mql', 'sql') AND %s IS NOT NULL AND %s IS NOT NULL"
            " AND %s IS NULL)",
            col("active"), col("type"), col("lifecycle_state"), col("user_id"), col("date_open"),
            col("first_follow_up_date"),
        )

    def _read_group_select(self, aggregate_spec, query):
        fname, __, func = parse_read_group_spec(aggregate_spec) if aggregate_spec != "__count" else (None, None, None)
        if fname == "first_response_hours" and func == "avg":
            # a lead nobody followed up has no response time: it is not a 0 h response
            date_open, follow_up = (self._field_to_sql(self._table, name, query)
                                    for name in ("date_open", "first_follow_up_date"))
            return SQL("AVG(CASE WHEN %s >= %s THEN %s END)", follow_up, date_open,
                       self._field_to_sql(self._table, "first_response_hours", query))
        if fname in ("awaiting_response", "waiting_hours") and func in READ_GROUP_AGGREGATE:
            waiting = self._awaiting_response_sql(query)
            if fname == "awaiting_response":
                expr = SQL("CASE WHEN %s THEN 1 ELSE 0 END", waiting)
            else:
                expr = SQL("CASE WHEN %s THEN EXTRACT(EPOCH FROM (%s - %s)) / 3600.0 END",
                           waiting, fields.Datetime.now(), self._field_to_sql(self._table, "date_open", query))
            return READ_GROUP_AGGREGATE[func](self._table, expr)
        return super()._read_group_select(aggregate_spec, query)

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None):
        """Groups by lifecycle come in lifecycle order (raw, MQL, SQL, converted, invalid), not alphabetically."""
        result = super()._read_group(domain, groupby=groupby, aggregates=aggregates, having=having,
                                     offset=offset, limit=limit, order=order)
        # read_group() orders by the groupby terms when the caller gives no order: that is no order either
        if "lifecycle_state" not in groupby or order and order.replace(" ", "") != ",".join(groupby):
            return result
        position = list(groupby).index("lifecycle_state")
        prefix_rank = {}
        for row in result:
            prefix_rank.setdefault(row[:position], len(prefix_rank))
        return sorted(result, key=lambda row: (prefix_rank[row[:position]],
                                               LIFECYCLE_ORDER.get(row[position], len(LIFECYCLE_ORDER))))
