"""`flask mail ...`: the sender's DNS records, and the bounces and complaints that come back."""
import click

group = click.Group("mail", help="Sending domain and returned mail.")
