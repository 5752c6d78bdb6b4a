/**
 * The catalog messages (WhatsApp's interactive `product`, `product_list` and `catalog_message`):
 * products of the Meta catalog connected to the business account, named by the catalog's ID and
 * each product's retailer ID (its SKU, "Content ID" in Commerce Manager). What the customer orders
 * from them comes back as an order message. Nothing to tap: Send and Wait does not ask with them.
 */
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v4';
import type { CatalogMessage, ProductListMessage, ProductMessage } from '../model/message';
import { checkCount, checkText, type Issue } from '../validation/issues';
import { label } from '../validation/labels';
import {
	objectBuilder,
	optionalText,
	text as textField,
	type KindSchema,
} from '../validation/parse';
import { entries, fieldReader, type Text } from './fields';
import type { FieldValue, Kind, ProductLimits } from './types';

const ID: { min: number; notBlank: boolean } = { min: 1, notBlank: true };

function schemaOf(build: (strict: boolean) => z.ZodType): KindSchema {
	return { strict: build(true), lenient: build(false) };
}

const productSchema = schemaOf((strict) =>
	objectBuilder(strict)({
		type: z.literal('product'),
		body: optionalText,
		footer: optionalText,
		catalogId: textField,
		productRetailerId: textField,
	}),
);

const productListSchema = schemaOf((strict) => {
	const object = objectBuilder(strict);
	return object({
		type: z.literal('productList'),
		header: textField,
		body: textField,
		footer: optionalText,
		catalogId: textField,
		sections: z.array(
			object({
				title: optionalText,
				productRetailerIds: z.array(textField, { error: 'must be a list' }),
			}),
			{ error: 'must be a list' },
		),
	});
});

const catalogSchema = schemaOf((strict) =>
	objectBuilder(strict)({
		type: z.literal('catalog'),
		body: textField,
		footer: optionalText,
		thumbnailProductRetailerId: optionalText,
	}),
);

/** The body and footer every catalog message reads, with the item's reader (`fieldReader`). */
function reading(field: FieldValue) {
	const reader = fieldReader();
	return {
		...reader,
		body: reader.read(field('bodyText', ''), 'bodyText', 'Body', 'body'),
		footer: reader.read(field('footerText', ''), 'footerText', 'Footer', 'footer'),
	};
}

/** Body (required unless `optional`) and footer within the provider's limits. */
function checkBodyAndFooter(
	issues: Issue[],
	message: { body?: string; footer?: string },
	limits: ProductLimits,
	optional = false,
): void {
	if (!optional || (message.body !== undefined && message.body !== ''))
		checkText(issues, 'body', label.body, message.body, limits.body);
	if (message.footer !== undefined)
		checkText(issues, 'footer', label.footer, message.footer, limits.footer);
}

export const product: Kind<'product'> = {
	type: 'product',
	option: {
		name: 'Product',
		description: 'One product of your Meta catalog, with its picture, price and a button to buy',
	},
	noun: 'single-product',
	asks: false,
	interactive: false,
	schema: () => productSchema,
	read(field) {
		const r = reading(field);
		const message: ProductMessage = {
			type: 'product',
			catalogId: r.read(field('catalogId', ''), 'catalogId', 'Catalog ID'),
			productRetailerId: r.read(
				field('productRetailerId', ''),
				'productRetailerId',
				'Product Retailer ID',
			),
		};
		if (r.body !== '') message.body = r.body;
		if (r.footer !== '') message.footer = r.footer;
		return r.done(message);
	},
	check(message: ProductMessage, limits: ProductLimits): Issue[] {
		const issues: Issue[] = [];
		checkBodyAndFooter(issues, message, limits, true);
		checkText(issues, 'catalogId', 'Catalog ID', message.catalogId, ID);
		checkText(issues, 'productRetailerId', 'Product retailer ID', message.productRetailerId, ID);
		return issues;
	},
};

/** Fields mode: Products entries that share a Section title form one section, in order of first appearance. */
function groupProducts(rows: IDataObject[], read: Text): ProductListMessage['sections'] {
	const sections = new Map<string, ProductListMessage['sections'][number]>();
	rows.forEach((row, k) => {
		const title = read(row.section, `products[${k}].section`, `Product ${k + 1} section`).trim();
		let section = sections.get(title);
		if (!section) {
			section = title ? { title, productRetailerIds: [] } : { productRetailerIds: [] };
			sections.set(title, section);
		}
		section.productRetailerIds.push(
			read(
				row.productRetailerId,
				`products[${k}].productRetailerId`,
				`Product ${k + 1} retailer ID`,
			),
		);
	});
	return [...sections.values()];
}

export const productList: Kind<'productList'> = {
	type: 'productList',
	option: {
		name: 'Product List',
		description: 'Up to 30 products of your Meta catalog, in sections',
	},
	noun: 'multi-product',
	asks: false,
	interactive: false,
	schema: () => productListSchema,
	read(field) {
		const r = reading(field);
		const message: ProductListMessage = {
			type: 'productList',
			header: r.read(field('headerText', ''), 'headerText', 'Header Text', 'header'),
			body: r.body,
			catalogId: r.read(field('catalogId', ''), 'catalogId', 'Catalog ID'),
			sections: groupProducts(
				entries(field('products.product', []), 'products', 'Products', r.issues),
				r.read,
			),
		};
		if (r.footer !== '') message.footer = r.footer;
		return r.done(message);
	},
	check(message: ProductListMessage, limits: ProductLimits): Issue[] {
		const issues: Issue[] = [];
		checkText(issues, 'header', label.headerText, message.header, limits.headerText);
		checkBodyAndFooter(issues, message, limits);
		checkText(issues, 'catalogId', 'Catalog ID', message.catalogId, ID);
		const sections = message.sections;
		checkCount(
			issues,
			'sections',
			'Product sections',
			sections.length,
			limits.sections.min,
			limits.sections.max,
		);
		const total = sections.reduce((n, s) => n + s.productRetailerIds.length, 0);
		if (total > limits.products.max)
			issues.push({
				path: 'sections',
				message: `Products: ${total} given; the limit is ${limits.products.max} across all sections, remove ${total - limits.products.max}`,
			});
		sections.forEach((section, s) => {
			const at = `sections[${s}]`;
			if (section.productRetailerIds.length === 0)
				issues.push({
					path: `${at}.productRetailerIds`,
					message: `Section ${s + 1} has no products; add at least one product retailer ID`,
				});
			if (sections.length > 1 || section.title !== undefined)
				checkText(issues, `${at}.title`, `Section ${s + 1} title`, section.title, {
					...limits.sectionTitle,
					...(sections.length > 1 ? { min: 1 } : {}),
				});
			section.productRetailerIds.forEach((id, p) =>
				checkText(
					issues,
					`${at}.productRetailerIds[${p}]`,
					`Section ${s + 1} product ${p + 1} retailer ID`,
					id,
					ID,
				),
			);
		});
		return issues;
	},
};

export const catalog: Kind<'catalog'> = {
	type: 'catalog',
	option: {
		name: 'Catalog',
		description: 'Your whole Meta catalog, behind a View Catalog button',
	},
	noun: 'catalog',
	asks: false,
	interactive: false,
	schema: () => catalogSchema,
	read(field) {
		const r = reading(field);
		const message: CatalogMessage = { type: 'catalog', body: r.body };
		if (r.footer !== '') message.footer = r.footer;
		const thumbnail = r.read(
			field('thumbnailProductRetailerId', ''),
			'thumbnailProductRetailerId',
			'Thumbnail Product Retailer ID',
		);
		if (thumbnail.trim() !== '') message.thumbnailProductRetailerId = thumbnail.trim();
		return r.done(message);
	},
	check(message: CatalogMessage, limits: ProductLimits): Issue[] {
		const issues: Issue[] = [];
		checkBodyAndFooter(issues, message, limits);
		return issues;
	},
};
