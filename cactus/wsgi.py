import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cactus.settings")
application = get_wsgi_application()

# The objects of start-up (Django, the apps, their modules: about 250,000) live as long as the
# process: frozen out of the garbage collector, a full collection no longer walks them all (120 ms
# on the 2-core bench machine, landing on whichever request triggered it: the p99 of every page).
gc.collect()
gc.freeze()
