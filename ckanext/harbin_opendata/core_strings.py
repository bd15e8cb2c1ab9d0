"""CKAN core and ckanext-scheming strings that CKAN 2.11.6's zh_Hans_CN catalog leaves untranslated.

CKAN merges plugin catalogs into its own, so listing the exact msgids here puts them in our catalog
(scripts/i18n.py extracts them) and Chinese pages stop showing English. Nothing calls this at run time.
"""
from __future__ import annotations

__all__ = ["CORE_MSGIDS", "CORE_PLURALS"]


def _(message: str) -> str:
    """A marker for the extractor: the msgid passes through untouched."""
    return message


CORE_MSGIDS: tuple[str, ...] = (
    _("Data"),
    _("Dataset description:"),
    _("Data last updated"),
    _("Metadata last updated"),
    _("Fullscreen"),
    _("Data Dictionary"),  # the DataStore's columns under a loaded table
    _("Embed"),
    _("Before you can create a dataset you need to create an organization."),
    _("Create a new organization"),
    _("There are no organizations to which you can assign this dataset."),
    # macros/form/markdown.html: a {% trans %} block, so the msgid carries its markup verbatim.
    _('You can use <a href="#markdown" title="Markdown quick reference" data-bs-toggle="popover" '
      'data-bs-content="%(markdown_tooltip)s" data-bs-html="true">Markdown formatting</a> here'),
    # Wrong, Traditional or English in CKAN's zh_Hans_CN catalog (issue 19.6): ours overrides it.
    _('Log in'),
    _('Login'),
    _('Register'),  # 登记 (to record) in CKAN's catalog; an account is 注册
    _('Please Confirm Action'),  # 请确认行动 (a military action) in CKAN's catalog
    _("You're already logged in as {user}."),
    _("You're already logged in"),
    _('Followers'),
    _('Follow'),
    _('read more'),
    _('No matches found'),
    _('There are currently no groups for this site'),
    _('There are currently no organizations for this site'),
    _('This group has no description'),
    _('There is no API data to load for this resource'),
    _('Skip to main content'),
    _('Profile settings'),
    _('News feed'),
    _('Access denied'),
    _('Dataset not found or you have no permission to view it'),
    _('Your password must be 8 characters or longer'),
    _('Members not found'),
    _('0 Members'),
    _('Search Datasets...'),
    _('CKAN API'),
    _('CKAN Association'),
    _('<strong>Powered by</strong> <a class="hide-text ckan-footer-logo" href="http://ckan.org">CKAN</a>'),
    _('API'),
    _('API Docs'),
    _('You can also access this registry using the %(api_link)s (see %(api_doc_link)s).'),
    _('Username or Email'),
    _('These fields have been removed.'),
    _('These fields have been removed, click update below to save your changes.'),
    _('The <i>data license</i> you select above only applies to the contents of any resource files that you '
      'add to this dataset. By submitting this form, you agree to release the <i>metadata</i> values that you '
      'enter into the form under the <a href="http://opendatacommons.org/licenses/odbl/1-0/">Open Database '
      'License</a>.'),
    _('Current Sysadmins'),
    _('Promote user to Sysadmin'),
    _('<p>As a sysadmin user you have full control over this CKAN instance. Proceed with care!</p> <p>For '
      'guidance on using sysadmin features, see the CKAN  <a href="%(docs_url)s" target="_blank" '
      'rel="noreferrer">sysadmin guide</a></p>'),
    _('Open Data Commons Public Domain Dedication and License (PDDL)'),
    _('Open Data Commons Open Database License (ODbL)'),
    _('Open Data Commons Attribution License'),
    _('Creative Commons CCZero'),
    _('Creative Commons Attribution'),
    _('Creative Commons Attribution Share-Alike'),
    _('Creative Commons Non-Commercial (Any)'),
    _('GNU Free Documentation License'),
    _('UK Open Government Licence (OGL)'),
    _("<p><strong>Admin:</strong> Can add/edit and delete datasets, as well as manage organization members.</p> <p><strong>Editor:</strong> Can add and edit datasets, but not manage organization members.</p> <p><strong>Member:</strong> Can view the organization's private datasets, but not add new datasets.</p>"),
    # Found walking the demo portal (403 page, activity stream, entry state, the new-entry form's side box).
    _("You might need to login to access this page."),
    _("Click here to login"),
    _("All activity types"),
    _("{actor} created resource view {view_link}"),
    _("{actor} updated resource view {view_link}"),
    _('{actor} deleted resource view "{view_title}" for resource {resource_link}'),
    _("active"),
    _("draft"),
    _("deleted"),
    _("What are datasets?"),
    # The entry form's errors (the sweep of its raw keys and English messages).
    _("Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_"),
    _("Email {email} is not a valid format"),
    _("A CKAN Dataset is a collection of data resources (such as files), together with a description and other "
      "information, at a fixed URL. Datasets are what users see when searching for data."),
    # Walking the entry, resource, agency, dashboard and search pages in Chinese (issue 19.1): labels
    # read to screen readers (aria-label, title, placeholder) count as much as visible text.
    _("Account"),
    _("Toggle navigation"),
    _("Submit"),
    _("Search datasets"),
    _("Search datasets..."),
    _("Breadcrumb"),
    _("Close"),
    _("Search followee"),
    _("Activity from:"),
    _("Manage resource: {name}"),
    _("Datasets in organization: {group}"),
    _("You can copy and paste the embed code into a CMS or blog software that supports raw HTML"),
    _("No activity found"),
    _("No activity found for this type"),
    _("Last Active"),
    _("Reorder resources"),
    _("Reorder resource view"),
    _("Profile picture"),
    _("Profile picture URL"),
    _("Create datasets, groups and other exciting things"),
    _("You need to log out before you can log in with another account."),
    _("eg. Joe Bloggs"),
    _("Joe Bloggs"),
    _("eg. joe@example.com"),
    _("joe@example.com"),
    _("Type Override"),
    _("Label"),
    _("Name"),
    _("Activity type"),
    _("Revoke Sysadmin permission"),
    _("Promote"),
    _("Username"),
    # ckanext-activity's stream, pager and change notes (the public activity pages, the changes pages).
    _("{actor} updated the {dataset_type} {dataset}"),
    _("{actor} deleted the {dataset_type} {dataset}"),
    _("{actor} created the {dataset_type} {dataset}"),
    _("{actor} {activity_type}"),
    _("View this version"),
    _("Newer activities"),
    _("Older activities"),
    _("No fields were updated. See the metadata diff for more details."),
    _("Removed author from {pkg_link}"),
    _("Set author of {pkg_link} to {new_author}"),
    _("Set author of {pkg_link} to {new_author} (previously {old_author})"),
    _("Deleted resource {resource_link} from {pkg_link}"),
    _("Changed value of field <q>{key}</q> to <q>{value}</q> in {pkg_link}"),
    _("Added field <q>{key}</q> to {pkg_link}"),
    _("Added field <q>{key}</q> with value <q>{value}</q> to {pkg_link}"),
    _("Added the following fields to {pkg_link}"),
    _("Changed value of field <q>{key}</q> to <q>{new_val}</q> (previously <q>{old_val}</q>) in {pkg_link}"),
    _("Changed value of field <q>{key}</q> to <q>{new_val}</q> in {pkg_link}"),
    _("Removed field <q>{key}</q> from {pkg_link}"),
    _("Removed the following fields from {pkg_link}"),
    _("{key} with value {value}"),
    _("Removed maintainer from {pkg_link}"),
    _("Set maintainer of {pkg_link} to {new_maintainer}"),
    _("Set maintainer of {pkg_link} to {new_maintainer} (previously {old_maintainer})"),
    _("Uploaded a new file to resource {resource_link} in {pkg_link}"),
    _("Added resource {resource_link} to {pkg_link}"),
    _("Removed description from {pkg_link}"),
    _("Updated description of {pkg_link} from <br class=\"line-height2\"><blockquote>{old_notes}</blockquote> to <br class=\"line-height2\"><blockquote>{new_notes}</blockquote>"),
    _("Updated description of {pkg_link} to <br class=\"line-height2\"><blockquote>{new_notes}</blockquote>"),
    _("Added {pkg_link} to organization {new_org_link}"),
    _("Moved {pkg_link} from organization {old_org_link} to organization {new_org_link}"),
    _("Removed {pkg_link} from organization {old_org_link}"),
    _("Set visibility of {pkg_link} to {visibility}"),
    _("Removed description from resource {resource_link} in {pkg_link}"),
    _("Updated description of resource {resource_link} in {pkg_link} from <br class=\"line-height2\"><blockquote>{old_desc}</blockquote> to <br class=\"line-height2\"><blockquote>{new_desc}</blockquote>"),
    _("Updated description of resource {resource_link} in {pkg_link} to <br class=\"line-height2\"><blockquote>{new_desc}</blockquote>"),
    _("Added field <q>{key}</q> to resource {resource_link} in {pkg_link}"),
    _("Added field <q>{key}</q> with value <q>{value}</q> to resource {resource_link} in {pkg_link}"),
    _("Added the following fields to resource {resource_link} in {pkg_link}"),
    _("Changed value of field <q>{key}</q> of resource {resource_link} to <q>{new_val}</q> (previously <q>{old_val}</q>) in {pkg_link}"),
    _("Changed value of field <q>{key}</q> to <q>{new_val}</q> in resource {resource_link} in {pkg_link}"),
    _("Removed field <q>{key}</q> from resource {resource_link} in {pkg_link}"),
    _("Removed the following fields from resource {resource_link} in {pkg_link}"),
    _("Removed the value of field <q>{key}</q> in resource {resource_link} in {pkg_link}"),
    _("Renamed resource {old_resource_link} to {new_resource_link} in {pkg_link}"),
    _("Added tag {tag_link} to {pkg_link}"),
    _("Added the following tags to {pkg_link}"),
    _("Removed tag {tag_link} from {pkg_link}"),
    _("Removed the following tags from {pkg_link}"),
    _("Changed title to {title_link} (previously {old_title})"),
    _("Changed the version of {pkg_link} to {new_version}"),
    _("Changed the version of {pkg_link} to {new_version} (previously {old_version})"),
    _("Removed the version from {pkg_link}"),
    _("Removed description from {group_link}"),
    _("Updated description of {group_link} from <br class=\"line-height2\"><blockquote>{old_description}</blockquote> to <br class=\"line-height2\"><blockquote>{new_description}</blockquote>"),
    _("Updated description of {group_link} to <br class=\"line-height2\"><blockquote>{new_description}</blockquote>"),
    _("Removed description from {org_link}"),
    _("Updated description of {org_link} from <br class=\"line-height2\"><blockquote>{old_description}</blockquote> to <br class=\"line-height2\"><blockquote>{new_description}</blockquote>"),
    _("Updated description of {org_link} to <br class=\"line-height2\"><blockquote>{new_description}</blockquote>"),
)


def ngettext(singular: str, plural: str, count: int) -> str:
    """A marker for the extractor of plural messages."""
    return singular if count == 1 else plural


CORE_PLURALS: tuple[str, ...] = (ngettext("{num} Member", "{num} Members", 2),
                                 ngettext("{count} member", "{count} members", 2))
