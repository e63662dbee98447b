from . import test_access, test_grading, test_visit, test_visit_plan
