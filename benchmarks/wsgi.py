"""The portal as a WSGI application for gunicorn: CKAN_INI names the configuration file.

    CKAN_INI=portal.ini .venv/bin/gunicorn -w 4 -b 127.0.0.1:5010 --chdir benchmarks wsgi:application
"""
import os

from ckan.cli import load_config
from ckan.config.middleware import make_app

application = make_app(load_config(os.environ["CKAN_INI"]))
