from . import ltc_pipeline_xlsx, ltc_report_xlsx
