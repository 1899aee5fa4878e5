"""Date formats per language where Django's defaults do not suit ZWK (issue 18, FORMAT_MODULE_PATH).

Everything not set here comes from Django's own locale formats (tr, ar, uk, ru, de).
"""
