"""Reading district report workbooks into tidy tables."""
