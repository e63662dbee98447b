from . import test_pipeline_xlsx, test_receivable_reports
