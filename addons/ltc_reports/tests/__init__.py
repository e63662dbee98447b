from . import test_pipeline_xlsx, test_receivable_reports, test_sales_reports, test_security_matrix, test_tour_reports
