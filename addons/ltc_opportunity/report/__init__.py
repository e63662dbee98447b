from . import ltc_forecast_report
