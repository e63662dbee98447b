from . import ltc_pipeline_xlsx
