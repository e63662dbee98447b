from . import crm_lead_lost, ltc_conflict_ruling, ltc_opportunity_handover, ltc_opportunity_won
