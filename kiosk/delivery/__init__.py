"""Getting call-back requests to the clinic: the outbox worker and its channels (e-mail over
SMTP with TLS, HL7 FHIR R4 over HTTPS). No Qt: the worker is a plain thread with its own
SQLite connection. See docs/delivery.md.

Kept empty of imports: the settings module loads `kiosk.delivery.config` at start-up.
"""
