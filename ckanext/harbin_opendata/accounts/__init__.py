"""Accounts (base plugin harbin_opendata; 等级保护 2.0 身份鉴别): server-side sessions with idle
timeout and absolute lifetime, login throttling and lockout, the password policy."""
