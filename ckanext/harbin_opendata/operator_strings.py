"""CKAN, ckanext-harvest, ckanext-datastore and datatables_view strings of the operators' pages
(/ckan-admin, /harvest, the resource view form, the data dictionary, the error page) that CKAN
2.11.6's zh_Hans_CN catalog leaves empty, gets wrong, or that upstream never marks for translation
(our template overrides mark them). Listed for the extractor, as in core_strings.py: the msgids are
exactly the upstream ones, so our catalog translates them. Nothing calls this at run time.
"""
from __future__ import annotations

__all__ = ["ADMIN_MSGIDS", "HARVEST_MSGIDS", "HARVEST_PLURALS", "VIEW_MSGIDS", "DATASTORE_MSGIDS",
           "ERROR_MSGIDS"]


def _(message: str) -> str:
    """A marker for the extractor: the msgid passes through untouched."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """A marker for the extractor of plural messages."""
    return singular if count == 1 else plural


ADMIN_MSGIDS: tuple[str, ...] = (
    _("Custom Stylesheet"),
    _("Site logo"),
    _("Site Tag Line"),  # CKAN: 网站标签行
    _("Custom CSS"),  # CKAN: 客户化格式
    _("CKAN config options"),
    _("Reset"),
    _("Are you sure you want to reset the config?"),
    _('<p><strong>Site Title:</strong> This is the title of this CKAN instance It appears in various places '
      'throughout CKAN.</p> <p><strong>Custom Stylesheet:</strong> Define an alternative main CSS file.</p> '
      '<p><strong>Site Tag Logo:</strong> This is the logo that appears in the header of all the CKAN instance '
      'templates.</p> <p><strong>About:</strong> This text will appear on this CKAN instances <a '
      'href="%(about_url)s">about page</a>.</p> <p><strong>Intro Text:</strong> This text will appear on this '
      'CKAN instances <a href="%(home_url)s">home page</a> as a welcome to visitors.</p> <p><strong>Custom '
      'CSS:</strong> This is a block of CSS that appears in <code>&lt;head&gt;</code> tag of every page. If you '
      'wish to customize the templates more fully we recommend <a href="%(docs_url)s" target="_blank" '
      'rel="noreferrer">reading the documentation</a>.</p>'),
    _("Trash"),  # CKAN: 垃圾桶
    _("Purge"),
    _("Purge all"),
    _("Purge deleted datasets, organizations or groups forever and irreversibly."),
    _("Deleted datasets"),
    _("Deleted organizations"),
    _("Deleted groups"),
    _("Are you sure you want to purge everything?"),
    _("Are you sure you want to purge datasets?"),
    _("Are you sure you want to purge organizations?"),
    _("Are you sure you want to purge groups?"),
    _("{number} datasets have been purged"),
    _("{number} organizations have been purged"),
    _("{number} groups have been purged"),
    _("There are no datasets to purge"),
    _("There are no organizations to purge"),
    _("There are no groups to purge"),
    _("Massive purge complete"),
)

HARVEST_MSGIDS: tuple[str, ...] = (
    _("Harvest"),
    _("Harvest Sources"),
    _("Harvest sources"),
    _("Add Harvest Source"),
    _("Create Harvest Source"),
    _("Create harvest source"),
    _("Edit harvest source"),
    _("Search harvest sources..."),
    _("Harvest sources allow importing remote metadata into this catalog. Remote sources can be other catalogs "
      "such as other CKAN instances, CSW servers or Web Accessible Folders (WAF) (depending on the actual "
      "harvesters enabled for this instance)."),
    _("This should include the http:// part of the URL"),
    _("Source type"),  # our copy of the form marks it
    _("Harvests remote CKAN instances"),  # ckan_harvester's description, translated in our copy of the form
    _("Configuration"),
    _("No organization"),
    _("Active"),  # CKAN: 动态 (a source's state)
    _("Frequency"),  # the facets of /harvest, translated in our copy of source/search.html
    _("Type"),
    _("Manual"),
    _("Monthly"),
    _("Weekly"),
    _("Biweekly"),
    _("Daily"),
    _("Always"),
    _("There is no description for this harvest source"),
    _("There are no datasets associated to this harvest source."),
    _("This will flag the source as deleted but keep all its datasets and previous jobs. Are you sure you want "
      "to delete this harvest source?"),
    _("Warning: Apart from deleting this source, this command will remove all its datasets, as well as all "
      "previous job reports. Are you sure you want to continue?"),
    _("Delete source"),
    _("Delete and clear source"),
    _("This will re-run the harvesting for this source. Any updates at the source will overwrite the local "
      "datasets. Sources with a large number of datasets may take a significant amount of time to finish "
      "harvesting. Please confirm you would like us to start reharvesting."),
    _("Start a new harvesting job for this harvest source now"),
    _("Reharvest"),
    _("There already is an unrun job for this source"),  # marked in our copy of source/admin_base.html
    _("Stop this Job"),
    _("Stop"),
    _("Warning: This will remove all datasets for this source, as well as all previous job reports. Are you "
      "sure you want to continue?"),
    _("Delete all harvest jobs and existing datasets from this source"),
    _("Clear"),
    _("View harvest source"),
    _("Jobs"),
    _("Last Harvest Job"),
    _("View full job report"),
    _("No jobs yet for this source"),
    _("Harvest Jobs"),
    _("Job: "),
    _("Started:"),
    _("Finished:"),
    _("Not yet"),
    _("Job Report"),
    _("Back to job list"),
    _("Error Summary"),
    _("No errors for this job"),
    _("Only the 20 most frequent errors are shown"),
    _("Job Errors"),
    _("Document Errors"),
    _("Document Error"),
    _("Error Report"),
    _("documents with errors"),
    _("Remote content"),
    _("Local content"),
    _("Message"),
    _("Id"),
    _("Created"),  # CKAN: 创建的
    _("Started"),
    _("Finished"),
    _("errors"),
    # job statuses and counts, which the job pages pass through _()
    _("New"),
    _("Running"),
    _("Aborted"),
    _("added"),
    _("updated"),
    _("not modified"),
    # flash messages of ckanext-harvest's views (utils.py)
    _("Harvest job not found"),
    _("Harvest job stopped"),
    _("Harvest will start shortly. Refresh this page for updates."),
    _('Cannot create new harvest jobs on inactive sources. First, please change the source status to "active".'),
    _("A harvest job has already been scheduled for this source"),
    _("Harvest source cleared"),
    _("Harvesting source successfully cleared"),
    _("Harvesting source successfully inactivated"),
    _("No content found"),
)

# CKAN's snippets/search_result_text.html builds these msgids from the search type ("harvest").
HARVEST_PLURALS: tuple[str, ...] = (
    ngettext("{number} harvest found", "{number} harvests found", 2),
    ngettext('{number} harvest found for "{query}"', '{number} harvests found for "{query}"', 2),
    _("No harvests found"),
    _('No harvests found for "{query}"'),
)

VIEW_MSGIDS: tuple[str, ...] = (
    _("Table"),  # datatables_view's title, translated in our copy of package/resource_views.html
    _("A view is a representation of the data held against a resource"),
    _("List view/Responsive display"),
    _("Ellipsis length"),
    _("Length at which data will be truncated with an ellipsis for display. Set to zero for no truncation, and "
      "for data to be wrapped at column name width instead."),
    _("Date format"),
    _('Moment.js date format to use for displaying dates (see <a href="https://devhints.io/moment#formatting-1" '
      'target="_blank">Moment.js cheatsheet</a>). If <b>NONE</b>, the raw timestamp value will be shown.'),
    _("Show Columns"),
)

DATASTORE_MSGIDS: tuple[str, ...] = (
    # the DataStore's type names, which our copies of its data dictionary templates pass through _()
    _("text"),
    _("numeric"),
    _("timestamp"),
    _("date"),
    _("time"),
    _("int"),
    _("int4"),
    _("int8"),
    _("float8"),
    _("bool"),
    _("json"),
    _("Field {num}."),
    _("Primary key"),
    _("ID"),
    _("Data Dictionary saved. Any type overrides will take effect when the resource is next uploaded to "
      "DataStore"),
)

# The error page's heading and Werkzeug's own descriptions (helpers.py: harbin_error_page).
ERROR_MSGIDS: tuple[str, ...] = (
    _('<p id="search-error"><strong>There was an error while searching.</strong> Please try again.</p>'),
    _("There is a schema field with the same name"),  # an extra named as a catalog field
    _("Password1"),  # the register/edit forms' error summary names fields by their key, capitalised
    _("Password2"),
    _("Bad Request"),
    _("Forbidden"),
    _("Not Found"),
    _("Method Not Allowed"),
    _("Conflict"),
    _("Request Entity Too Large"),
    _("Too Many Requests"),
    _("Internal Server Error"),
    _("Service Unavailable"),
    _("The requested URL was not found on the server. If you entered the URL manually please check your "
      "spelling and try again."),
    _("You don't have the permission to access the requested resource. It is either read-protected or not "
      "readable by the server."),
    _("The browser (or proxy) sent a request that this server could not understand."),
    _("The method is not allowed for the requested URL."),
    _("The server encountered an internal error and was unable to complete your request. Either the server is "
      "overloaded or there is an error in the application."),
    _("A conflict happened while processing the request. The resource might have been modified while the "
      "request was being processed."),
    _("The data value transmitted exceeds the capacity limit."),
    _("This user has exceeded an allotted request count. Try again later."),
    _("The server is temporarily unable to service your request due to maintenance downtime or capacity "
      "problems. Please try again later."),
    _("Internal server error"),
)
