"""Mortar's own implementation of AWS Glue's awsglue package (the Python layer of Glue scripts)."""
