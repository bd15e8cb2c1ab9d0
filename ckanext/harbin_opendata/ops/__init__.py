"""Running the platform as an operator does: WSGI entry for gunicorn, generated nginx, supervisord
and systemd configuration, queue workers and harvest consumers that recover the work of a crashed
predecessor, one scheduler for the periodic jobs, and backup / restore (`ckan harbin deploy`,
`worker`, `consumer`, `scheduler`, `backup`, `restore`)."""
