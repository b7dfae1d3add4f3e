"""Local stand-in for the Systempay payment platform (Form API V2).

Independent, standard-library-only implementation of the platform side:
form validation, signature, payment / 3-D Secure pages, instant payment
notifications (IPN) with retries, browser returns and a small back office.
"""

__version__ = "1.0.0"
