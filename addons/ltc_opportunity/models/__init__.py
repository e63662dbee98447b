from . import crm_lead_iron_triangle
